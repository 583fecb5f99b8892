/// What an importer emits, one record at a time, so that no file is ever held whole.
public enum ImportRecord: Sendable {
  case contact(Contact, SourceLocation)
  case message(Message)
  /// The importer learnt who the export's owner is.
  case owner(OwnerHint)
  case issue(Issue)
}
