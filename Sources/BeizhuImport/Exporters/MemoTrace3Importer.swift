import BeizhuCore

/// Reads MemoTrace3 exports. (Not yet implemented: detects nothing.)
public struct MemoTrace3Importer: FormatImporter {
  public init() {}
  public var formats: [FileFormat] { [] }
  public func detect(_ probe: FileProbe) -> FileFormat? { nil }
  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {}
}
