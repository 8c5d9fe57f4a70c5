import ArgumentParser
import Learners

/// Learner kinds are typed options (`--model trec`): an unknown name is refused by the parser, listing the kinds.
extension ModelKind: ExpressibleByArgument {}
