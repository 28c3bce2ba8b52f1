import MentionsWinnow
import Winnow
import WinnowCommandLine

// winnow's command line with one more stage: every command (run, validate, stages, extract...)
// knows `mentions`.
var registry = StageRegistry.builtIn
registry.register(MentionsStage.self)
WinnowCommand.entry(registry: registry)
