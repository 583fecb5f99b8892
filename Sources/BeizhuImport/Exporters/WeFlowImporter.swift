import BeizhuCore

/// Reads WeFlow exports. (Not yet implemented: detects nothing.)
public struct WeFlowImporter: FormatImporter {
  public init() {}
  public var formats: [FileFormat] { [] }
  public func detect(_ probe: FileProbe) -> FileFormat? { nil }
  public func importFile(_ probe: FileProbe, format: FileFormat, context: ImportContext, sink: ImportSink)
    throws(ImportError)
  {}
}
