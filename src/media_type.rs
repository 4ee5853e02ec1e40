//! The media type a file is served as, by its extension, as static hosts send it (GitHub
//! Pages, Netlify, `python3 -m http.server`): `serve` sends the site so, and a photo beside a
//! lesson opens as a photo, not as a download.

/// The `Content-Type` of a site file named `name` (its extension in any case: `Shot.PNG`).
pub fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "ipynb" => "application/x-ipynb+json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "ogv" => "video/ogg",
        "m4a" => "audio/mp4",
        "mov" => "video/quicktime",
        "vtt" => "text/vtt; charset=utf-8",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As Python's `mimetypes` (the README's `http.server`) and the IANA register name them.
    #[test]
    fn content_types_match_extensions() {
        for (name, kind) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("a/x.svg", "image/svg+xml"),
            ("x.ipynb", "application/x-ipynb+json"),
            ("math-core.woff2", "font/woff2"),
            ("relu/photo.jpg", "image/jpeg"),
            ("Shot.PNG", "image/png"),
            ("data.csv", "text/csv; charset=utf-8"),
            ("clip.webm", "video/webm"),
            ("m.mjs", "text/javascript; charset=utf-8"),
            ("app.wasm", "application/wasm"),
            ("voice.WAV", "audio/wav"),
            ("voice.ogg", "audio/ogg"),
            ("captions.vtt", "text/vtt; charset=utf-8"),
            ("noextension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(name), kind, "{name}");
        }
    }
}
