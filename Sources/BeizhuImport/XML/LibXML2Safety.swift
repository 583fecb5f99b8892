import CLibXML2

/// Process-wide libxml2 setup that every parser in Beizhu relies on.
///
/// libxml2 keeps the external entity loader in a global, so it is installed once for the whole
/// process: a chat export is untrusted input and no entity, DTD or XInclude it names may ever be
/// fetched from disk or the network (DESIGN.md, "No external entity is ever loaded").
package enum LibXML2Safety {
  /// Runs `xmlInitParser` and installs the refusing entity loader, once per process.
  ///
  /// Swift initialises a global `let` exactly once and thread-safely (`swift_once`), which is
  /// the guarantee `xmlInitParser` needs before parsers run on several threads.
  package static func ensureInstalled() {
    _ = installation
  }

  /// The options every XML parse in Beizhu uses.
  ///
  /// `NONET` forbids network access even if a loader were ever replaced; `IGNORE_ENC` because the
  /// bytes are already UTF-8 (Swift strings), whatever an `encoding=` declaration claims.
  /// Never `NOENT` (substitutes entities), `DTDLOAD`/`DTDATTR`/`DTDVALID` (load DTDs), `XINCLUDE`
  /// or `HUGE` (lifts libxml2's depth, size and entity-amplification limits).
  package static let parseOptions: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOERROR.rawValue
      | XML_PARSE_NOWARNING.rawValue
  )

  /// Whether the installed loader is ours; tests use it to prove the global is in place.
  package static var refusesExternalEntities: Bool {
    ensureInstalled()
    return xmlLoadExternalEntity("file:///etc/passwd", nil, nil) == nil
  }
}

private let installation: Void = {
  xmlInitParser()
  xmlSetExternalEntityLoader(refuseExternalEntity)
}()

/// The external entity loader: refuses every URL (file://, http://, relative paths, catalogs).
private func refuseExternalEntity(
  _ url: UnsafePointer<CChar>?, _ publicID: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
  nil
}
