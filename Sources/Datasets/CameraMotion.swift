/// The classes of the camera-motion dataset: a virtual camera (a crop window) moving over a real
/// clip. Pans move the window (the content moves the opposite way in the frame); zooms shrink the
/// window (zoom in: the content grows) or grow it (zoom out) about a fixed centre.
public enum CameraMotion: String, CaseIterable, Sendable {
    /// The window moves left: the content moves right.
    case panLeft = "PanLeft"
    /// The window moves right: the content moves left.
    case panRight = "PanRight"
    /// The window moves up: the content moves down.
    case panUp = "PanUp"
    /// The window moves down: the content moves up.
    case panDown = "PanDown"
    /// The window shrinks about its centre: the content grows.
    case zoomIn = "ZoomIn"
    /// The window grows about its centre: the content shrinks.
    case zoomOut = "ZoomOut"
}
