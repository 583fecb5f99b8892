/// Every importer, asked in this order; the first that recognises a file reads it.
public enum ImporterRegistry {
  public static let all: [any FormatImporter] = [
    MemoTraceImporter(),
    MemoTrace3Importer(),
    PyWxDumpImporter(),
    ChatlogImporter(),
    WechatExporterImporter(),
    WeFlowImporter(),
    WechatExporterHTMLImporter(),
    MemoTraceHTMLImporter(),
    PyWxDumpDataJSImporter(),
    // wechat-dump's `type|name:time:text` lines are the loosest shape: ask last.
    WechatDumpImporter(),
  ]

  /// The format of a probed file and the importer that reads it.
  public static func detect(_ probe: FileProbe) -> (format: FileFormat, importer: any FormatImporter)? {
    for importer in all {
      if let format = importer.detect(probe) { return (format, importer) }
    }
    return nil
  }
}
