import BeizhuCore
import BeizhuKit
import BeizhuPlan
import BeizhuTestSupport
import BeizhuWorkspace
import Foundation
import Testing

/// After a plan is entered and a new contact list (holding the entered remarks) is imported,
/// the plan proposes nothing: the scheme applied to its own output changes nothing.
@Suite(.enabled(if: Fixtures.samplesAvailable, "needs ../shared/formats/samples"))
struct AppliedReimportTests {
  @Test func reimportedEnteredRemarksAreUnchanged() throws {
    let workspace = try Workspace.inMemory()
    _ = try Pipeline.importPaths([Fixtures.sample("chatlog")], into: workspace)
    let request = PlanRequest(options: PlanOptions(today: Day(year: 2025, month: 1, day: 15)))
    let outputs = try Pipeline.outputs(workspace: workspace, request: request)
    try workspace.recordApplied(
      Pipeline.appliedEntries(outputs), today: "2025-01-15", scheme: "weishang", at: 0)

    // The user exports the contact list again: WeChat now shows the entered remarks and tags.
    let directory = Fixtures.temporaryDirectory()
    var json = #"{"items":["#
    json += outputs.document.contacts.map { entry in
      #"{"userName":"\#(entry.id)","alias":"\#(entry.alias)","remark":"\#(entry.remark)","nickName":"\#(entry.nickname)","isFriend":true}"#
    }.joined(separator: ",")
    json += "]}"
    Fixtures.write(json, name: "contact.json", in: directory)
    _ = try Pipeline.importPaths([directory], into: workspace)

    let again = try Pipeline.plan(workspace: workspace, request: request).document
    for entry in again.contacts {
      #expect(entry.status == .unchanged, "\(entry.id): \(entry.oldRemark) → \(entry.remark)")
    }
  }
}
