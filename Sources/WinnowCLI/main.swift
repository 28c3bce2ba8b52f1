import WinnowCommandLine

WinnowCommand.entry()
