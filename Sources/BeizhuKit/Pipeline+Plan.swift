import BeizhuClassify
import BeizhuCompose
import BeizhuCore
import BeizhuFeatures
import BeizhuPlan
import BeizhuWorkspace
import Foundation

/// What `plan` needs beyond the workspace.
public struct PlanRequest: Sendable {
  /// A preset id (`weishang`) or the path of a scheme file.
  public var scheme: String
  /// The user's own product words (`--products FILE`).
  public var products: [String]
  public var options: PlanOptions
  /// Session gap in seconds (default 6 h; a gap of exactly this keeps one session).
  public var sessionGap: Int64?

  public init(
    scheme: String = "weishang", products: [String] = [], options: PlanOptions, sessionGap: Int64? = nil
  ) {
    self.scheme = scheme
    self.products = products
    self.options = options
    self.sessionGap = sessionGap
  }
}

/// Failures of `plan` that are the user's to fix (a bad scheme or product file).
public enum PlanError: LocalizedError, Sendable {
  case scheme(String)
  case lexicon(String)
  case unknownFriend(String)

  public var errorDescription: String? {
    switch self {
    case .scheme(let message): message
    case .lexicon(let message): "cannot load the word lists / 词库加载失败: \(message)"
    case .unknownFriend(let id): "no friend with id or WeChat ID \(id) in the workspace / 工作区中没有该好友: \(id)"
    }
  }
}

extension Pipeline {
  /// Loads a preset by id, else a scheme file by path.
  public static func loadScheme(_ nameOrPath: String) throws(PlanError) -> Scheme {
    do {
      if Scheme.presets.contains(nameOrPath) || !FileManager.default.fileExists(atPath: nameOrPath) {
        return try Scheme.load(named: nameOrPath)
      }
      return try Scheme(contentsOf: URL(fileURLWithPath: nameOrPath))
    } catch let error as SchemeError {
      throw .scheme(error.errorDescription ?? "invalid scheme")
    } catch {
      throw .scheme(String(describing: error))
    }
  }

  static func makePlanner(_ request: PlanRequest) throws(PlanError) -> Planner {
    let scheme = try loadScheme(request.scheme)
    var featureOptions = FeatureOptions()
    if let gap = request.sessionGap { featureOptions.sessionGap = gap }
    do {
      let extractor = try FeatureExtractor(products: request.products, options: featureOptions)
      return Planner(scheme: scheme, extractor: extractor)
    } catch {
      throw .lexicon(String(describing: error))
    }
  }

  /// The dry run: classifies every friend in the workspace and composes their remarks.
  ///
  /// Friends are read one chat at a time; only the compact features stay in memory.
  public static func plan(workspace: Workspace, request: PlanRequest) throws(PipelineError) -> (
    document: PlanDocument, decisions: [PlanDecision]
  ) {
    do {
      let planner = try makePlanner(request)
      let applied = try workspace.appliedState()
      var classified: [(contact: Contact, features: FriendFeatures, classification: Classification)] = []
      for imported in try workspace.contacts(kind: .friend) {
        let contact = Self.composingBase(imported, entered: applied[imported.id])
        let messages = try workspace.messages(forContact: contact.id)
        let (features, classification) = planner.classify(
          PlanSubject(contact: contact, messages: messages), options: request.options)
        classified.append((contact, features, classification))
      }
      var (document, decisions) = planner.plan(
        classified, options: request.options, excluded: try workspace.excludedCount())
      if !applied.isEmpty {
        // What the user entered by hand is what WeChat shows now, so it is the old state the
        // plan compares against. The plan itself still starts from the imported contact, so
        // the same evidence proposes the same remark as when it was entered.
        for index in decisions.indices {
          guard let entered = applied[decisions[index].entry.id] else { continue }
          var entry = decisions[index].entry
          entry.oldRemark = entered.remark
          entry.oldTags = entered.tags
          if entry.remark == entered.remark && Set(entry.tags) == Set(entered.tags) {
            entry.status = .unchanged
          } else if entry.status == .unchanged {
            entry.status = .change
          }
          decisions[index].entry = entry
          decisions[index].subject.remark = entered.remark
          decisions[index].subject.tags = entered.tags
          decisions[index].subject.description = entered.description
        }
        document = PlanDocument(
          scheme: document.scheme, today: document.today, contacts: decisions.map(\.entry),
          excluded: document.summary.excluded)
      }
      return (document, decisions)
    } catch let error as PlanError {
      throw .plan(error)
    } catch let error as WorkspaceError {
      throw .workspace(error)
    } catch {
      throw .importStopped(String(describing: error))
    }
  }

  /// The contact the plan composes from. A contact list exported after a plan was entered holds
  /// Beizhu's own remark; composing from that would re-read the remark as an old home-grown one,
  /// so the plan starts from what the remark and tags held before, as when it was entered —
  /// applying the scheme to its own output changes nothing (DESIGN.md invariant).
  static func composingBase(_ contact: Contact, entered: AppliedEntry?) -> Contact {
    guard let entered, !entered.remark.isEmpty, contact.remark == entered.remark else { return contact }
    var base = contact
    base.remark = entered.previousRemark
    // Tags the user added in WeChat since then are kept; the entered ones go back to the old.
    let addedSince = contact.tags.filter { !entered.tags.contains($0) }
    base.tags = entered.previousTags + addedSince.filter { !entered.previousTags.contains($0) }
    if contact.description == entered.description { base.description = entered.previousDescription }
    return base
  }

  /// One friend's decision with the messages it rests on (`beizhu show ID`).
  public static func show(id: String, workspace: Workspace, request: PlanRequest) throws(PipelineError) -> (
    decision: PlanDecision, messages: [Message]
  ) {
    let (_, decisions) = try plan(workspace: workspace, request: request)
    guard
      let decision = decisions.first(where: {
        $0.subject.id == id || (!$0.subject.alias.isEmpty && $0.subject.alias == id)
      })
    else { throw .plan(.unknownFriend(id)) }
    do {
      return (decision, try workspace.messages(forContact: decision.subject.id))
    } catch {
      throw .workspace(error)
    }
  }
}
