import BeizhuCore
import Foundation

/// MemoTrace files that are recognised but not read, with the reason told to the user.
enum MemoTraceAIText {
  /// v2 "AI txt" `<R>_chat.txt`: days framed by 20 asterisks, text only, no message times.
  static func matches(_ probe: FileProbe) -> Bool {
    let text = probe.headText.drop { $0 == "\n" || $0 == "\r" }
    return text.hasPrefix(String(repeating: "*", count: 20))
  }

  /// v2 "JSON" export `<R>_train.json` / `<R>_dev.json`: `[{"conversations": [{"role": …}]}]`.
  static func isTrainingSet(_ probe: FileProbe) -> Bool {
    guard probe.firstNonSpaceByte == UInt8(ascii: "[") else { return false }
    let text = probe.headText
    if text.contains("\"conversations\"") && text.contains("\"role\"") { return true }
    // An empty set (`[]`) is recognised by its name only.
    let name = probe.fileName
    return (name.hasSuffix("_train.json") || name.hasSuffix("_dev.json"))
      && text.trimmed() == "[]"
  }

  static func reportNotRead(_ probe: FileProbe, isTrainingSet: Bool, sink: ImportSink) throws(ImportError) {
    let message =
      isTrainingSet
      ? "MemoTrace LLM training set (_train/_dev.json) not read: no times, shuffled pairs / 留痕 AI 训练集，无时间，未导入"
      : "MemoTrace AI txt (_chat.txt) not read: no message times, text only / 留痕 AI 文本，无消息时间，未导入"
    try sink(
      .issue(
        Issue(
          .note, .memoTraceNotRead, at: SourceLocation(path: probe.path), message,
          hint: "import the CSV (<R>_utf8.csv) or TXT (<R>.txt) export of the same chat instead")))
  }
}
