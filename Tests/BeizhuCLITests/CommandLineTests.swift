import BeizhuTestSupport
import Foundation
import Testing

/// Runs the built `beizhu` binary: stdout, stderr and exit status, as a user sees them.
@Suite struct CommandLineTests {
  static var binary: URL? {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("beizhu"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "beizhu"),
      Fixtures.repositoryRoot.appendingPathComponent(".build/debug/beizhu"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], in directory: String) throws -> Result {
    let process = Process()
    let executable: URL = try #require(binary)
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test func usageErrorExits64() throws {
    let result = try Self.run(["import"], in: Fixtures.temporaryDirectory())
    #expect(result.status == 64)
  }

  @Test func nothingImportableExits1() throws {
    let directory = Fixtures.temporaryDirectory()
    Fixtures.write("just some notes\n", name: "notes.txt", in: directory)
    let result = try Self.run(["import", directory, "--workspace", directory + "/w.sqlite"], in: directory)
    #expect(result.status == 1)
    #expect(result.stdout.contains("not recognised"))
  }

  @Test func importThenContactsJSON() throws {
    let directory = Fixtures.temporaryDirectory()
    let workspace = directory + "/w.sqlite"
    let fixture = Fixtures.testdata("import/chatlog_alone/zhangsan1988.json")
    let imported = try Self.run(["import", fixture, "--workspace", workspace], in: directory)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("Imported 1 files"))
    let contacts = try Self.run(["contacts", "--format", "json", "--workspace", workspace], in: directory)
    #expect(contacts.status == 0)
    let document = try JSONSerialization.jsonObject(with: Data(contacts.stdout.utf8)) as? [String: Any]
    #expect(document?["version"] as? Int == 1)
    let entries = document?["contacts"] as? [[String: Any]] ?? []
    #expect(entries.map { $0["id"] as? String } == ["zhangsan1988"])
    #expect(entries.first?["messagesFromFriend"] as? Int == 3)
    #expect(entries.first?["messagesFromMe"] as? Int == 2)
    for key in ["alias", "nickname", "remark", "tags", "firstMessage", "lastMessage"] {
      #expect(entries.first?[key] != nil, "missing \(key)")
    }
  }
}

/// `plan --no-workspace` and `import` + `plan` give the same document (DESIGN contract).
@Suite(.enabled(if: Fixtures.samplesAvailable, "needs ../shared/formats/samples"))
struct PlanCommandTests {
  @Test func noWorkspaceEqualsImportThenPlan() throws {
    let directory = Fixtures.temporaryDirectory()
    let sample = Fixtures.sample("pywxdump")
    let inMemory = try CommandLineTests.run(
      ["plan", sample, "--no-workspace", "--today", "2025-01-15", "--format", "json"], in: directory)
    #expect(inMemory.status == 0, "\(inMemory.stderr)")
    let imported = try CommandLineTests.run(["import", sample, "--workspace", "w.sqlite"], in: directory)
    #expect(imported.status == 0)
    let planned = try CommandLineTests.run(
      ["plan", "--workspace", "w.sqlite", "--today", "2025-01-15", "--format", "json"], in: directory)
    #expect(planned.stdout == inMemory.stdout)
    #expect(!FileManager.default.fileExists(atPath: directory + "/beizhu.sqlite"))
    let document = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
    #expect(document?["version"] as? Int == 1)
    #expect((document?["contacts"] as? [Any])?.count == 7)
  }
}
