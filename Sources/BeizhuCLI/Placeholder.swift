import ArgumentParser

public struct BeizhuCommand: ParsableCommand {
  public init() {}
}
