import BeizhuWrite
import Testing

/// Terminal columns from the generated East Asian Width table.
@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("abc", 3), ("王姐", 4), ("Ａ", 2), ("😀", 2), ("👨‍👩‍👧", 2), ("❤️", 2), ("🇨🇳", 2), ("é", 1),
    ("e\u{301}", 1), ("한국", 4), ("👍🏽", 2), ("\u{200B}", 0), ("１Ｋ", 4),
  ])
  func width(_ text: String, _ columns: Int) {
    #expect(TerminalText.width(text) == columns)
  }

  @Test func tableAlignsMixedScripts() {
    let lines = TerminalText.tableLines([["王姐🌸", "x"], ["Amy", "y"]])
    #expect(lines == ["王姐🌸  x", "Amy     y"])
  }

  @Test func colourFollowsTheEnvironment() {
    #expect(!TerminalStyle.resolve(mode: "auto", isTerminal: true, environment: ["NO_COLOR": "1"]).enabled)
    #expect(TerminalStyle.resolve(mode: "auto", isTerminal: true, environment: [:]).enabled)
    #expect(!TerminalStyle.resolve(mode: "auto", isTerminal: false, environment: [:]).enabled)
    #expect(TerminalStyle.resolve(mode: "always", isTerminal: false, environment: ["NO_COLOR": "1"]).enabled)
    #expect(!TerminalStyle.resolve(mode: "never", isTerminal: true, environment: [:]).enabled)
  }
}

@Suite struct PreviewSafetyTests {
  @Test func escapeSequencesInNamesAreNotPassedToTheTerminal() throws {
    var document = OutputFixtures.document
    document.contacts[0].remark = "1K\u{1B}[2J王姐"
    document.contacts[0].reasons = ["\u{1B}]0;title\u{7}"]
    let text = try PlanTextWriter().render(document)
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("1K\u{FFFD}[2J王姐"))
  }
}
