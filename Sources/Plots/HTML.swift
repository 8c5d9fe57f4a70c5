import Foundation

/// A fragment of an HTML page whose text is escaped by construction: the only ways to make one are
/// text (escaped), elements (tag and attribute names are the program's own, checked; attribute
/// values escaped), drawings (the SVG of this module's charts, which escape their own labels) and
/// embedded images (data URIs). A clip or class named `<script>` shows as text, never as markup.
public struct HTML: Sendable, Equatable {
    /// The markup.
    public let markup: String

    private init(markup: String) { self.markup = markup }

    /// Nothing.
    public static let empty = HTML(markup: "")

    /// `text` with HTML's special characters escaped.
    public static func text(_ text: String) -> HTML { HTML(markup: escape(text)) }

    /// Fragments one after another.
    public static func joined(_ parts: [HTML]) -> HTML { HTML(markup: parts.map(\.markup).joined()) }

    /// The element `<tag attributes>children</tag>` (void elements such as `img` get no end tag).
    /// Tag and attribute names must be lowercase ASCII letters, digits or `-`; values are escaped.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], _ children: [HTML] = []) -> HTML {
        precondition(isName(tag), "not an HTML tag name: \(tag)")
        var open = "<" + tag
        for (name, value) in attributes {
            precondition(isName(name), "not an HTML attribute name: \(name)")
            open += " \(name)=\"\(escape(value))\""
        }
        open += ">"
        guard !voidElements.contains(tag) else {
            precondition(children.isEmpty, "<\(tag)> holds no content")
            return HTML(markup: open)
        }
        return HTML(markup: open + children.map(\.markup).joined() + "</\(tag)>")
    }

    /// The element with `text` as its only content.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], text: String) -> HTML {
        element(tag, attributes, [.text(text)])
    }

    /// A chart drawn inline: its SVG document as an element of the page.
    public static func drawing(_ drawing: some SVGDrawing) -> HTML {
        var svg = drawing.svg
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg.removeSubrange(svg.startIndex..<end.upperBound) }
        return HTML(markup: svg)
    }

    /// An embedded picture shown `scale` times its size (pixels kept sharp when enlarged).
    public static func image(_ image: EmbeddedImage, alt: String, scale: Int = 1) -> HTML {
        element("img", [("src", image.dataURI), ("alt", alt), ("width", "\(image.width * scale)"),
                        ("height", "\(image.height * scale)")] + (scale > 1 ? [("class", "pixels")] : []))
    }

    /// A section heading.
    public static func heading(_ text: String, level: Int = 2) -> HTML {
        precondition((1...6).contains(level), "heading levels are 1 to 6")
        return element("h\(level)", text: text)
    }

    /// A paragraph of text.
    public static func paragraph(_ text: String, class name: String? = nil) -> HTML {
        element("p", name.map { [("class", $0)] } ?? [], text: text)
    }

    /// A link to the file at the relative or absolute `path` (percent-encoded where needed, never
    /// read as a URL scheme) showing `text`.
    public static func link(_ text: String, toFile path: String) -> HTML {
        var href = path.addingPathPercentEncoding
        if let colon = href.firstIndex(of: ":"), !href[..<colon].contains("/") { href = "./" + href }
        return element("a", [("href", href)], text: text)
    }

    /// A link to the file `target` from a page in `folder`, by its relative path.
    public static func link(_ text: String, to target: URL, from folder: URL) -> HTML {
        let from = folder.standardizedFileURL.pathComponents, to = target.standardizedFileURL.pathComponents
        let shared = zip(from, to).prefix { $0 == $1 }.count
        let path = (Array(repeating: "..", count: from.count - shared) + to[shared...]).joined(separator: "/")
        return link(text, toFile: path)
    }

    /// A table: a header row of `header` and one row per entry of `rows` (cells as fragments).
    /// Columns listed in `numeric` are right-aligned.
    public static func table(header: [String], rows: [[HTML]], numeric: Set<Int> = []) -> HTML {
        func align(_ column: Int) -> [(String, String)] { numeric.contains(column) ? [("class", "num")] : [] }
        let head = element("tr", [], header.enumerated().map { element("th", align($0.offset), text: $0.element) })
        let body = rows.map { row in element("tr", [], row.enumerated().map { element("td", align($0.offset), [$0.element]) }) }
        return element("table", [], [element("thead", [], [head]), element("tbody", [], body)])
    }

    /// A two-column table of names and values.
    public static func facts(_ facts: [(String, String)]) -> HTML {
        element("table", [("class", "facts")], facts.map { name, value in
            element("tr", [], [element("th", text: name), element("td", text: value)])
        })
    }

    /// A figure: `content` with a caption under it.
    public static func figure(_ content: HTML, caption: String) -> HTML {
        element("figure", [], [content, element("figcaption", text: caption)])
    }

    /// Content folded away under a one-line summary (opens with a click, no script needed).
    public static func details(_ summary: String, _ content: [HTML], open: Bool = false) -> HTML {
        element("details", open ? [("open", "")] : [], [element("summary", text: summary)] + content)
    }

    /// Elements that have no end tag.
    static let voidElements: Set<String> = ["img", "br", "hr", "meta", "link", "col", "wbr"]

    /// Whether `name` may be a tag or attribute name here.
    static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }

    /// Text with `&`, `<`, `>` and `"` escaped, safe in content and in (always double-quoted) attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

extension String {
    /// The string as a URL path: characters outside a path's allowed set percent-encoded
    /// (a file named `a b#1.html` links as `a%20b%231.html`).
    var addingPathPercentEncoding: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
