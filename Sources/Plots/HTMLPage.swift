import Foundation
import Support

/// One self-contained HTML page: everything it shows is inline (SVG charts, `data:` images, its
/// style sheet), it runs no script and loads nothing; its Content-Security-Policy forbids scripts
/// and any fetch, so a page opened from a mail or a cluster's file share behaves the same.
public struct HTMLPage: Sendable {
    /// The page's title (the browser tab and the top heading).
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The content, in order.
    public var body: [HTML]

    /// A page of `body` under `title`.
    public init(title: String, subtitle: String? = nil, body: [HTML] = []) {
        self.title = title
        self.subtitle = subtitle
        self.body = body
    }

    /// The policy every page carries: images only from `data:` URIs, styles only inline, nothing else.
    static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    /// The page's style sheet.
    static let style = """
        body{font-family:sans-serif;font-size:14px;color:#222;max-width:1180px;margin:16px auto;padding:0 16px}
        h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ddd}
        h3{font-size:14px;margin:14px 0 6px}.sub{color:#555;margin:0 0 12px}.note{color:#555;font-size:12px}
        table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
        thead th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}
        table.facts th{background:#f8f8f8;font-weight:normal;color:#444;white-space:nowrap}
        figure{display:inline-block;margin:6px 18px 6px 0;vertical-align:top}figcaption{color:#555;font-size:12px;max-width:640px}
        img.pixels{image-rendering:pixelated}svg{max-width:100%;height:auto}
        .bad{color:#b00}.good{color:#070}.fp{outline:3px solid #cc3311;outline-offset:-3px}
        .apbar{display:block;min-width:80px;padding:0 4px}.strip{display:flex;gap:10px;flex-wrap:wrap;margin:4px 0 12px}.clip{font-size:11px;max-width:260px;overflow-wrap:anywhere}
        details{margin:6px 0}summary{cursor:pointer;color:#245}pre{font-size:12px;background:#f8f8f8;padding:8px;overflow:auto}
        """

    /// The whole document.
    public var html: String {
        let head = HTML.element("head", [], [
            .element("meta", [("charset", "utf-8")]),
            .element("meta", [("http-equiv", "Content-Security-Policy"), ("content", Self.contentSecurityPolicy)]),
            .element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
            .element("title", text: title),
            .element("style", [], [.text(Self.style)]),
        ])
        var content: [HTML] = [.heading(title, level: 1)]
        if let subtitle { content.append(.paragraph(subtitle, class: "sub")) }
        let page = HTML.element("html", [("lang", "en")], [head, .element("body", [], content + body)])
        return "<!DOCTYPE html>\n" + page.markup + "\n"
    }

    /// Writes the page to `url` atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(html.utf8), to: url)
    }
}
