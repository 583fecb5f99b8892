import ArgumentParser

/// The `beizhu` command: subcommands over the BeizhuKit pipeline.
public struct BeizhuCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "beizhu",
    abstract: "Classify WeChat friends from chat exports and propose remarks (备注) and tags (标签).",
    discussion: """
      Everything runs locally. Start with `beizhu import <export folder>`, then \
      `beizhu contacts` to see the friends found.

      Exit codes: 0 success; 1 failed (nothing importable, workspace locked, disk full); \
      64 usage error; 65 finished, but some chat export or contact list could not be read.
      """,
    version: "0.1.0",
    subcommands: [
      Import.self, Contacts.self, Plan.self, Export.self, Apply.self, Undo.self, Show.self, Schemes.self,
    ]
  )

  public init() {}
}
