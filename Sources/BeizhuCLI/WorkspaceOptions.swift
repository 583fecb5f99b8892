import ArgumentParser
import BeizhuKit
import BeizhuWorkspace
import Foundation

/// `--workspace FILE`, shared by every command that reads or writes the workspace.
struct WorkspaceOptions: ParsableArguments {
  @Option(name: .long, help: "The workspace file (工作区). Default: ./beizhu.sqlite")
  var workspace: String = "beizhu.sqlite"

  func open() throws -> Workspace {
    do {
      return try Workspace(path: workspace)
    } catch {
      throw CLIFailure(message: error.errorDescription ?? "cannot open the workspace")
    }
  }
}

/// `--time-zone`: exports write local times without an offset; dates are shown in this zone.
struct TimeZoneOption: ParsableArguments {
  @Option(
    name: .long, help: "Time zone of local times in exports and of dates shown (default Asia/Shanghai).")
  var timeZone: String = "Asia/Shanghai"

  func validate() throws {
    guard TimeZone(identifier: timeZone) != nil else {
      throw ValidationError("unknown time zone '\(timeZone)' (e.g. Asia/Shanghai)")
    }
  }

  var zone: TimeZone { TimeZone(identifier: timeZone) ?? .current }
}

/// Options of commands that import.
struct ImportOptionGroup: ParsableArguments {
  @Option(name: .long, help: "Your own wxid, WeChat ID or name, when the exports do not reveal it.")
  var owner: String?

  func importOptions(zone: TimeZone) -> ImportOptions { ImportOptions(timeZone: zone, owner: owner) }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// A failure already phrased for the user; exits 1.
struct CLIFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
