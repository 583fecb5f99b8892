/// Where every piece of an old remark, tag and description went.
public struct Accounting: Sendable, Hashable {
  /// A piece's destination.
  public enum Destination: Sendable, Hashable {
    /// Carried by the new remark.
    case remark
    /// Kept as this tag.
    case tag(String)
    /// Kept in the description.
    case description
    /// Kept in the phone list.
    case phones
    /// Replaced by a newer decision (the old level 3 by the classified level 1), shown in the preview.
    case superseded(by: String)
    /// Not carried over, for the reason given.
    case dropped(reason: String)
  }

  /// One piece and where it went.
  public struct Entry: Sendable, Hashable {
    public var piece: LegacyRemark.Piece
    public var destination: Destination
  }

  public var entries: [Entry]

  public init(entries: [Entry] = []) {
    self.entries = entries
  }

  /// Pieces not carried over, each named in the preview.
  public var dropped: [Entry] {
    entries.filter {
      if case .dropped = $0.destination { return true }
      return false
    }
  }

  /// Dropped pieces that held information (anything but ornaments and Beizhu's own suffixes):
  /// these make the friend need review.
  public var droppedInformation: [Entry] {
    dropped.filter { $0.piece.kind != .decoration && $0.piece.kind != .disambiguator }
  }
}
