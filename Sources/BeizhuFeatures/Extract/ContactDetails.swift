import Foundation

/// A shipping address found in a friend's message.
public struct PostalAddress: Sendable, Hashable, Codable {
  /// Message time (unix seconds).
  public var time: Int64
  /// The address as written, from the province (or city) to the street number.
  public var text: String
  public var province: String?
  public var city: String?
  public var district: String?
  public var street: String
  public var recipient: String?
  public var phone: String?
}

/// Phone numbers, tracking numbers and addresses, read from bytes where the text is hot.
public enum ContactDetails {
  /// Mainland mobile numbers (1[3-9] + 9 digits) with any single spaces or dashes between digits,
  /// an optional 86 / +86 prefix; normalized to 11 digits, in text order, without repeats.
  public static func phones(in text: String) -> [String] {
    var text = text
    return text.withUTF8 { phones(in: $0) }
  }

  static func phones(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var found: [String] = []
    var index = 0
    let count = bytes.count
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2D }
    while index < count {
      guard isDigit(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else {
        index += 1
        continue
      }
      // One run of digits with single separators between them.
      var digits: [UInt8] = []
      var position = index
      while position < count {
        if isDigit(bytes[position]) {
          digits.append(bytes[position])
          position += 1
        } else if isSeparator(bytes[position]), position + 1 < count, isDigit(bytes[position + 1]),
          !digits.isEmpty
        {
          position += 1
        } else {
          break
        }
        if digits.count > 13 { break }
      }
      let endsClean = position >= count || !isWordByte(bytes[position])
      if endsClean {
        var number = digits[...]
        if number.count == 13, number.starts(with: [0x38, 0x36]) { number = number.dropFirst(2) }
        if number.count == 11, number.first == 0x31, let second = number.dropFirst().first,
          second >= 0x33, second <= 0x39
        {
          let phone = String(decoding: number, as: UTF8.self)
          if !found.contains(phone) { found.append(phone) }
        }
      }
      index = max(position, index + 1)
    }
    return found
  }

  /// ASCII letters and digits: a phone never touches them.
  private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  /// Tracking numbers: a courier prefix (2–4 capital letters) with 9+ digits, or, when
  /// `shippingContext` is set, a bare run of 10–20 digits that is not a phone number.
  public static func trackingNumbers(in text: String, shippingContext: Bool) -> [String] {
    var found: [String] = []
    var current = ""
    func flush() {
      defer { current = "" }
      let letters = current.prefix { $0.isASCII && $0.isUppercase }
      let digits = current.dropFirst(letters.count)
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return }
      if (2...4).contains(letters.count), digits.count >= 9 {
        found.append(current)
      } else if letters.isEmpty, shippingContext, (10...20).contains(digits.count),
        phones(in: current).isEmpty
      {
        found.append(current)
      }
    }
    for character in text {
      if character.isASCII && (character.isNumber || character.isLetter) {
        current.append(character)
      } else {
        flush()
      }
    }
    flush()
    return found
  }
}

/// Reads a Chinese postal address: province/municipality, city, district, street, with the
/// recipient and phone written next to it (`四川省成都市武侯区人民南路四段9号 刘女士 188…`).
public struct AddressReader: Sendable {
  private let folding: [Character: Character]
  private let prefilter: PatternMatcher
  private let regionMarkerCount: Int

  static let provinces = [
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
    "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
    "宁夏", "新疆", "香港", "澳门",
  ]
  static let provinceSuffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"]
  static let regionMarkers = ["省", "市", "区", "县", "自治区", "區", "縣"]
  static let streetMarkers = [
    "路", "街", "道", "号", "號", "村", "镇", "鎮", "巷", "弄", "栋", "棟", "室", "小区", "小區", "大厦", "大廈", "广场", "廣場",
    "花园", "花園", "公寓", "楼", "樓",
  ]
  static let labels = ["收货地址", "收件地址", "地址", "收货人", "收件人", "姓名", "电话", "手机", "手机号", "联系电话"]

  public init(folding: [Character: Character]) {
    self.folding = folding
    prefilter = PatternMatcher(strings: AddressReader.regionMarkers + AddressReader.streetMarkers)
    regionMarkerCount = AddressReader.regionMarkers.count
  }

  /// Whether `bytes` may hold an address: a region marker and a street marker. One byte pass.
  func mayHoldAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var region = false
    var street = false
    prefilter.forEachMatch(in: bytes) { match in
      if match.pattern < regionMarkerCount { region = true } else { street = true }
    }
    return region && street
  }

  /// The address in `text`, or `nil`.
  public func read(_ text: String, time: Int64) -> PostalAddress? {
    var copy = text
    guard copy.withUTF8({ mayHoldAddress($0) }) else { return nil }
    let folded = Array(String(text.map { folding[$0] ?? $0 }))
    guard let start = addressStart(folded) else { return nil }
    var end = start
    while end < folded.count, !AddressReader.isBreak(folded[end]) { end += 1 }
    // A phone glued to the end of the address is not part of it.
    let span = String(folded[start..<end])
    if let phone = ContactDetails.phones(in: span).first, let range = span.range(of: phone) {
      end = start + span.distance(from: span.startIndex, to: range.lowerBound)
    }
    let address = Array(folded[start..<end])
    var position = 0
    let province = takeProvince(address, &position)
    let city = take(address, &position, suffixes: ["市", "州", "盟"], within: 8)
    let district = take(address, &position, suffixes: ["区", "县", "市", "旗"], within: 8)
    let street = String(address[position...])
    guard !street.isEmpty, city != nil || district != nil,
      AddressReader.streetMarkers.contains(where: { street.contains($0) })
    else { return nil }
    let phones = ContactDetails.phones(in: text)
    return PostalAddress(
      time: time, text: String(address), province: province, city: city, district: district, street: street,
      recipient: recipient(folded, excluding: start..<end), phone: phones.first)
  }

  private func addressStart(_ chars: [Character]) -> Int? {
    let text = String(chars)
    var best: Int?
    for name in AddressReader.provinces {
      if let range = text.range(of: name) {
        let offset = text.distance(from: text.startIndex, to: range.lowerBound)
        if best.map({ offset < $0 }) ?? true { best = offset }
      }
    }
    if let best { return best }
    // No province: a city name of two or three Han characters before 市.
    guard let city = chars.firstIndex(of: "市") else { return nil }
    var start = city
    while start > 0, city - start < 3, AddressReader.isHan(chars[start - 1]) { start -= 1 }
    return city - start >= 2 ? start : nil
  }

  private func takeProvince(_ chars: [Character], _ position: inout Int) -> String? {
    let text = String(chars)
    for name in AddressReader.provinces where text.hasPrefix(name) {
      var length = name.count
      let rest = text.dropFirst(length)
      if let suffix = AddressReader.provinceSuffixes.first(where: { rest.hasPrefix($0) }) {
        length += suffix.count
      }
      position = length
      // A municipality is its own city: 上海市黄浦区.
      return String(chars[0..<length])
    }
    return nil
  }

  private func take(_ chars: [Character], _ position: inout Int, suffixes: [Character], within: Int)
    -> String?
  {
    var index = position
    while index < chars.count, index - position < within {
      if suffixes.contains(chars[index]), index > position {
        let part = String(chars[position...index])
        position = index + 1
        return part
      }
      if !AddressReader.isHan(chars[index]) { return nil }
      index += 1
    }
    return nil
  }

  /// A short all-Han token outside the address: the recipient (张先生, 刘女士, 王小明).
  private func recipient(_ chars: [Character], excluding range: Range<Int>) -> String? {
    var tokens: [String] = []
    var current = ""
    for (index, character) in chars.enumerated() {
      if range.contains(index) || AddressReader.isBreak(character) || !AddressReader.isHan(character) {
        if !current.isEmpty { tokens.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    for var token in tokens {
      for label in AddressReader.labels where token.hasPrefix(label) {
        token = String(token.dropFirst(label.count))
      }
      if (2...4).contains(token.count) { return token }
    }
    return nil
  }

  static func isBreak(_ character: Character) -> Bool {
    character.isWhitespace || "，,；;。:：、|/（）()\n".contains(character)
  }

  static func isHan(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first else { return false }
    return (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
  }
}
