extension StageRegistry {
    /// winnow's own stages, in their usual pipeline order.
    public static var builtIn: StageRegistry {
        var registry = StageRegistry()
        registry.register(ReadStage.self)
        registry.register(RulesStage.self)
        registry.register(StripStage.self)
        registry.register(NormalizeStage.self)
        registry.register(EnrichStage.self)
        registry.register(FilterStage.self)
        registry.register(DedupStage.self)
        registry.register(ExecStage.self)
        registry.register(WriteStage.self)
        return registry
    }
}
