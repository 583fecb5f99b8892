import BeizhuCore
import Foundation

/// Where an import run sends records: the workspace, or a test's collector.
public protocol ImportDestination: AnyObject {
  func beginFile(_ probe: FileProbe, format: FileFormat) throws(ImportError)
  /// Throws only `.aborted`, when the destination itself fails.
  func receive(_ record: ImportRecord) throws(ImportError)
  func endFile(_ result: ImportReport.FileResult) throws(ImportError)
}

/// Walks the given paths, detects each file's format and streams every importable file into a
/// sink. One bad file never stops the others: its problems become issues in the report.
public struct ImportRunner: Sendable {
  /// Extensions of media and assets exporters write beside the chats (counted, never read).
  public static let mediaExtensions: Set<String> = [
    "jpg", "jpeg", "png", "gif", "webp", "bmp", "heic", "ico", "svg", "dat", "mp3", "mp4", "m4a", "amr",
    "silk", "slk", "wav", "aud", "mov", "avi", "css", "woff", "woff2", "ttf", "otf", "eot", "map", "pdf",
    "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "7z", "apk", "exe", "db", "sqlite", "wasm",
  ]

  public var context: ImportContext
  public var importers: [any FormatImporter]

  public init(
    context: ImportContext = ImportContext(), importers: [any FormatImporter] = ImporterRegistry.all
  ) {
    self.context = context
    self.importers = importers
  }

  /// Every regular file under `paths`, in a stable order. Hidden folders (tools' own state such as
  /// WechatExporter's `.wxexp`) are skipped; hidden files are not (wechat-dump writes `.txt`).
  public static func collectFiles(_ paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        missing.append(path)
        continue
      }
      if !isDirectory.boolValue {
        files.append(path)
        continue
      }
      var found: [String] = []
      if let walker = manager.enumerator(atPath: path) {
        while let relative = walker.nextObject() as? String {
          let full = (path as NSString).appendingPathComponent(relative)
          var childIsDirectory: ObjCBool = false
          guard manager.fileExists(atPath: full, isDirectory: &childIsDirectory) else { continue }
          if childIsDirectory.boolValue {
            if (relative as NSString).lastPathComponent.hasPrefix(".") { walker.skipDescendants() }
            continue
          }
          found.append(full)
        }
      }
      files.append(contentsOf: found.sorted())
    }
    return (files, missing)
  }

  /// Detects and imports everything under `paths`, sending records to `sink`.
  ///
  /// Contact lists go first, then side files, then chats, so that names in chats can be matched.
  public func run(paths: [String], into destination: any ImportDestination) throws(ImportError)
    -> ImportReport
  {
    var report = ImportReport()
    let (files, missing) = Self.collectFiles(paths)
    for path in missing {
      var result = ImportReport.FileResult(path: path, status: .rejected)
      result.reason = "no such file or folder / 文件或文件夹不存在"
      report.files.append(result)
      report.issues.append(
        Issue(.error, .unreadable, at: SourceLocation(path: path), "no such file or folder / 文件或文件夹不存在"))
    }
    var plan: [(probe: FileProbe, format: FileFormat, importer: any FormatImporter)] = []
    for path in files {
      let fileExtension = (path as NSString).pathExtension.lowercased()
      if Self.mediaExtensions.contains(fileExtension) {
        report.files.append(.init(path: path, status: .media))
        continue
      }
      let probe: FileProbe
      do {
        probe = try FileProbe.read(path: path)
      } catch {
        var result = ImportReport.FileResult(path: path, status: .rejected)
        result.reason = error.description
        report.files.append(result)
        report.issues.append(Issue(.error, .unreadable, at: SourceLocation(path: path), error.description))
        continue
      }
      if probe.head.contains(0) && probe.encoding == .utf8 {
        var result = ImportReport.FileResult(path: path, status: .media)
        result.reason = "binary file / 二进制文件"
        report.files.append(result)
        continue
      }
      guard let match = detect(probe) else {
        var result = ImportReport.FileResult(path: path, status: .unrecognized)
        result.reason = Self.unrecognizedReason(probe)
        report.files.append(result)
        continue
      }
      plan.append((probe, match.format, match.importer))
    }
    plan.sort { lhs, rhs in
      if lhs.format.importPriority != rhs.format.importPriority {
        return lhs.format.importPriority < rhs.format.importPriority
      }
      return lhs.probe.path < rhs.probe.path
    }
    var context = self.context
    for entry in plan {
      var result = ImportReport.FileResult(
        path: entry.probe.path, format: entry.format.description, status: .imported)
      result.encoding = entry.probe.encoding.rawValue
      var fileIssues: [Issue] = []
      var learnt: [OwnerHint] = []
      try destination.beginFile(entry.probe, format: entry.format)
      do throws(ImportError) {
        try entry.importer.importFile(entry.probe, format: entry.format, context: context) {
          (record: ImportRecord) throws(ImportError) in
          switch record {
          case .contact: result.contacts += 1
          case .message: result.messages += 1
          case .owner(let hint): learnt.append(hint)
          case .issue(let issue):
            fileIssues.append(issue)
            if issue.severity >= .warning && issue.code != .spreadsheetResave
              && issue.code != .preferredSource
            {
              // A truncated file loses the record it was cut in.
              result.skipped += [.badRecord, .badTime, .truncated].contains(issue.code) ? 1 : 0
            }
          }
          try destination.receive(record)
        }
      } catch {
        if case .aborted = error { throw error }
        if result.contacts + result.messages == 0 { result.status = .rejected }
        result.reason = error.description
        if case .rejected(let issue) = error {
          fileIssues.append(issue)
        } else {
          fileIssues.append(
            Issue(.error, .unreadable, at: SourceLocation(path: entry.probe.path), error.description))
        }
      }
      for hint in learnt where !context.ownerHints.contains(hint) { context.ownerHints.append(hint) }
      report.issues.append(contentsOf: fileIssues)
      try destination.endFile(result)
      report.files.append(result)
    }
    return report
  }

  private func detect(_ probe: FileProbe) -> (format: FileFormat, importer: any FormatImporter)? {
    for importer in importers {
      if let format = importer.detect(probe) { return (format, importer) }
    }
    return nil
  }

  /// A short reason a user can act on.
  static func unrecognizedReason(_ probe: FileProbe) -> String {
    if probe.size == 0 { return "empty file / 空文件" }
    switch probe.fileExtension {
    case "html", "htm", "js":
      return "not a chat page of a known exporter (web UI assets, indexes) / 不是可识别的聊天网页"
    case "csv": return "CSV header matches no known exporter / CSV 表头无法识别"
    case "json": return "JSON structure matches no known exporter / JSON 结构无法识别"
    case "txt": return "text layout matches no known exporter / 文本格式无法识别"
    default: return "not a chat export or contact list / 不是聊天记录或联系人文件"
    }
  }
}
