import BeizhuCore
import BeizhuImport
import Foundation
import Testing

/// Every sample file: the WeFlow, wechat-dump and WechatExporter importers claim only their own.
@Suite struct TextExportDetectionTests {
  @Test func eachImporterClaimsOnlyItsOwnSamples() throws {
    let root = ImportCollector.samples
    let importers: [(String, any FormatImporter)] = [
      ("weflow/", WeFlowImporter()), ("wechatdump/", WechatDumpImporter()),
      ("wechatexporter/", WechatExporterImporter()),
    ]
    let files = try #require(FileManager.default.subpathsOfDirectory(atPath: root) as [String]?)
    var claimed: [String: [String]] = [:]
    for file in files.sorted() {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root + "/" + file, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let probe = try FileProbe.read(path: root + "/" + file)
      for (folder, importer) in importers where importer.detect(probe) != nil {
        #expect(file.hasPrefix(folder), "\(file) claimed by the \(folder) importer")
        claimed[folder, default: []].append(file)
      }
    }
    #expect(claimed["weflow/"]?.count == 9)
    #expect(claimed["wechatdump/"]?.count == 7)
    // The contacts CSV and the two index.txt chats; the HTML pages belong elsewhere.
    #expect(claimed["wechatexporter/"]?.count == 3)
  }
}
