import ArgumentParser
import BeizhuWrite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--dry-run` / `-n`, shared by every command that writes.
struct DryRunOption: ParsableArguments {
  @Flag(
    name: [.customShort("n"), .customLong("dry-run")],
    help: "Print what would be written (+ new, ~ changed, - removed); write nothing.")
  var dryRun = false
}

/// Writes export files under one folder, or with `--dry-run` only says what it would do.
struct OutputFolder {
  var root: URL
  var dryRun: Bool

  enum Change: String {
    case added = "+"
    case changed = "~"
    case removed = "-"
  }

  /// What writing `files` would do, removing stale files of the folders we own (`tags/`).
  func changes(_ files: [ExportFile], ownedFolders: [String]) -> [(Change, String)] {
    var result: [(Change, String)] = []
    let produced = Set(files.map(\.path))
    for file in files {
      let url = root.appendingPathComponent(file.path)
      if let existing = FileManager.default.contents(atPath: url.path) {
        if existing != Data(file.contents.utf8) { result.append((.changed, file.path)) }
      } else {
        result.append((.added, file.path))
      }
    }
    for folder in ownedFolders {
      let url = root.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      for name in names.sorted() where name.hasSuffix(".txt") && !produced.contains("\(folder)/\(name)") {
        result.append((.removed, "\(folder)/\(name)"))
      }
    }
    return result
  }

  /// Applies `changes` (unless dry-run) and prints one `+ ~ -` line per file on stdout.
  func write(_ files: [ExportFile], ownedFolders: [String] = []) throws {
    let planned = changes(files, ownedFolders: ownedFolders)
    for (change, path) in planned {
      Output.out("\(change.rawValue) \(root.appendingPathComponent(path).path)")
    }
    guard !dryRun else { return }
    let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    for (change, path) in planned {
      let url = root.appendingPathComponent(path)
      do {
        switch change {
        case .removed:
          try FileManager.default.removeItem(at: url)
        case .added, .changed:
          try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data((byPath[path]?.contents ?? "").utf8).write(to: url, options: .atomic)
        }
      } catch {
        throw CLIFailure(message: "cannot write \(url.path): \(error.localizedDescription) / 无法写入文件")
      }
    }
  }
}

/// Facts about the terminal the command runs in.
enum Terminal {
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// `--color auto|always|never`.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  var style: TerminalStyle {
    TerminalStyle.resolve(
      mode: rawValue, isTerminal: Terminal.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment)
  }
}

/// A one-line progress report on stderr for imports that take more than a second, only when
/// stderr is a terminal (logs and pipes stay clean).
final class ProgressLine {
  let start = Date()
  let enabled = Terminal.stderrIsTerminal
  var files = 0
  var shown = false

  func fileDone(_ path: String) {
    files += 1
    guard enabled, Date().timeIntervalSince(start) > 1 else { return }
    shown = true
    let name = TerminalText.truncate((path as NSString).lastPathComponent, to: 50)
    FileHandle.standardError.write(Data("\r\u{1B}[Kimporting 导入中… \(files) files · \(name)".utf8))
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
