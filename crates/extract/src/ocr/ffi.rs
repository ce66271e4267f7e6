//! Run-time binding to Tesseract's C API (`libtesseract.so.5`) via `libloading`:
//! the build never needs Tesseract; without it OCR reports itself unavailable.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::{Mutex, OnceLock};

use libloading::Library;

type Handle = *mut c_void;

/// The C functions we use, resolved once.
pub(crate) struct Api {
    _lib: Library,
    /// Leptonica, held while its messages are silenced (see [`quiet_leptonica`]).
    _lept: Option<Library>,
    version: String,
    create: unsafe extern "C" fn() -> Handle,
    delete: unsafe extern "C" fn(Handle),
    init3: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_psm: unsafe extern "C" fn(Handle, c_int),
    set_variable: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_image: unsafe extern "C" fn(Handle, *const u8, c_int, c_int, c_int, c_int),
    set_resolution: unsafe extern "C" fn(Handle, c_int),
    recognize: unsafe extern "C" fn(Handle, *mut c_void) -> c_int,
    get_iterator: unsafe extern "C" fn(Handle) -> *mut c_void,
    it_delete: unsafe extern "C" fn(*mut c_void),
    it_text: unsafe extern "C" fn(*mut c_void, c_int) -> *mut c_char,
    it_conf: unsafe extern "C" fn(*mut c_void, c_int) -> f32,
    it_next: unsafe extern "C" fn(*mut c_void, c_int) -> c_int,
    it_page: unsafe extern "C" fn(*mut c_void) -> *mut c_void,
    page_bbox: unsafe extern "C" fn(
        *mut c_void,
        c_int,
        *mut c_int,
        *mut c_int,
        *mut c_int,
        *mut c_int,
    ) -> c_int,
    delete_text: unsafe extern "C" fn(*const c_char),
    clear: unsafe extern "C" fn(Handle),
    end: unsafe extern "C" fn(Handle),
    pool: Mutex<Vec<Engine>>,
}

/// An initialised `TessBaseAPI` (English). Used by one thread at a time.
pub(crate) struct Engine(Handle);

// SAFETY: a TessBaseAPI may be moved between threads; the pool hands each one
// to a single user at a time.
unsafe impl Send for Engine {}

/// Library names tried in order (after `COLLECKT_TESSERACT_LIB`).
const NAMES: &[&str] = &[
    "libtesseract.so.5",
    "libtesseract.so",
    "libtesseract.5.dylib",
    "libtesseract.dylib",
];

/// Leptonica's names, tried in order once Tesseract has loaded it.
const LEPTONICA_NAMES: &[&str] = &[
    "liblept.so.5",
    "libleptonica.so.6",
    "libleptonica.so",
    "liblept.so",
    "libleptonica.6.dylib",
    "libleptonica.dylib",
    "liblept.5.dylib",
];

/// Leptonica's `L_SEVERITY_NONE`: no message is printed.
const L_SEVERITY_NONE: c_int = 6;

/// Leptonica, which Tesseract reads images with, prints its own errors
/// (`Error in boxClipToRectangle: box outside rectangle`, on a photographed
/// screen's moiré) straight to stderr, past Tesseract's `debug_file`: into
/// the command's output and a reader process's stderr. Its message
/// severity is a process-wide setting; set to none, it prints nothing.
/// Returns the library, to keep it loaded; None when it is not found
/// (OCR works the same, only louder).
fn quiet_leptonica() -> Option<Library> {
    LEPTONICA_NAMES.iter().find_map(|n| {
        // SAFETY: libtesseract has loaded Leptonica already; opening it
        // again takes a reference to the same, initialised library.
        let lib = unsafe { Library::new(n) }.ok()?;
        // SAFETY: `l_int32 setMsgSeverity(l_int32 newsev)` (Leptonica's
        // utils1.c, since 1.70); it only stores the new severity.
        unsafe {
            let set: libloading::Symbol<unsafe extern "C" fn(c_int) -> c_int> =
                lib.get(b"setMsgSeverity\0").ok()?;
            set(L_SEVERITY_NONE);
        }
        Some(lib)
    })
}

/// Where Tesseract's tprintf chatter goes (see `Api::new_engine`).
#[cfg(unix)]
const DEBUG_SINK: &str = "/dev/null";
#[cfg(not(unix))]
const DEBUG_SINK: &str = "NUL";

static API: OnceLock<Option<Api>> = OnceLock::new();

/// The loaded API, loading it on first use. Each call should use one thread:
/// whoever starts the process sets `OMP_THREAD_LIMIT=1` in its environment
/// (the service does for its reader processes; `scripts/test` for tests).
/// It is not set here: changing the environment once threads run is unsound.
pub(crate) fn api() -> Option<&'static Api> {
    API.get_or_init(load).as_ref()
}

fn load() -> Option<Api> {
    if std::env::var("COLLECKT_OCR").is_ok_and(|v| {
        matches!(
            v.to_ascii_lowercase().as_str(),
            "off" | "0" | "false" | "no"
        )
    }) {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    if let Ok(p) = std::env::var("COLLECKT_TESSERACT_LIB") {
        names.push(p);
    }
    names.extend(NAMES.iter().map(|s| (*s).to_string()));
    let lib = names.iter().find_map(|n| {
        // SAFETY: loading libtesseract runs its initialisers, which are sound.
        unsafe { Library::new(n) }.ok()
    })?;
    // SAFETY: the symbol types below are those of Tesseract 5's capi.h.
    unsafe {
        macro_rules! sym {
            ($name:literal) => {
                *lib.get($name).ok()?
            };
        }
        let version_fn: unsafe extern "C" fn() -> *const c_char = sym!(b"TessVersion\0");
        let v = version_fn();
        let version = if v.is_null() {
            String::new()
        } else {
            CStr::from_ptr(v).to_string_lossy().into_owned()
        };
        let api = Api {
            version,
            create: sym!(b"TessBaseAPICreate\0"),
            delete: sym!(b"TessBaseAPIDelete\0"),
            init3: sym!(b"TessBaseAPIInit3\0"),
            set_psm: sym!(b"TessBaseAPISetPageSegMode\0"),
            set_variable: sym!(b"TessBaseAPISetVariable\0"),
            set_image: sym!(b"TessBaseAPISetImage\0"),
            set_resolution: sym!(b"TessBaseAPISetSourceResolution\0"),
            recognize: sym!(b"TessBaseAPIRecognize\0"),
            get_iterator: sym!(b"TessBaseAPIGetIterator\0"),
            it_delete: sym!(b"TessResultIteratorDelete\0"),
            it_text: sym!(b"TessResultIteratorGetUTF8Text\0"),
            it_conf: sym!(b"TessResultIteratorConfidence\0"),
            it_next: sym!(b"TessResultIteratorNext\0"),
            it_page: sym!(b"TessResultIteratorGetPageIterator\0"),
            page_bbox: sym!(b"TessPageIteratorBoundingBox\0"),
            delete_text: sym!(b"TessDeleteText\0"),
            clear: sym!(b"TessBaseAPIClear\0"),
            end: sym!(b"TessBaseAPIEnd\0"),
            _lib: lib,
            _lept: quiet_leptonica(),
            pool: Mutex::new(Vec::new()),
        };
        // Probe: one engine must initialise with English data.
        let e = api.new_engine()?;
        api.give_back(e);
        Some(api)
    }
}

/// One recognised line (or word).
#[derive(Debug, Clone)]
pub(crate) struct RawItem {
    pub text: String,
    pub conf: f32,
    pub bbox: (i32, i32, i32, i32),
}

impl Api {
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    fn new_engine(&self) -> Option<Engine> {
        // SAFETY: create returns a fresh handle or null; Init3 with a null
        // datapath uses the compiled-in/TESSDATA_PREFIX location.
        unsafe {
            let h = (self.create)();
            if h.is_null() {
                return None;
            }
            // Tesseract's diagnostics (`Empty page!!`, `Detected N
            // diacritics`) go through tprintf to stderr, into the command's
            // output and the service's logs. `debug_file` (a global
            // parameter, so set before Init, which may print too) sends them
            // to a file instead; redirecting fd 2 would silence every thread.
            let key = CString::new("debug_file").ok()?;
            let sink = CString::new(DEBUG_SINK).ok()?;
            (self.set_variable)(h, key.as_ptr(), sink.as_ptr());
            let lang = CString::new("eng").ok()?;
            if (self.init3)(h, std::ptr::null(), lang.as_ptr()) != 0 {
                (self.delete)(h);
                return None;
            }
            Some(Engine(h))
        }
    }

    pub(crate) fn take(&self) -> Option<Engine> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        pooled.or_else(|| self.new_engine())
    }

    /// Delete every pooled engine (they are re-created on demand).
    pub(crate) fn drain(&self) {
        let engines: Vec<Engine> = self
            .pool
            .lock()
            .map(|mut p| p.drain(..).collect())
            .unwrap_or_default();
        for e in engines {
            // SAFETY: pooled handles are unused; each is deleted once.
            unsafe { (self.end)(e.0) };
            // SAFETY: as above.
            unsafe { (self.delete)(e.0) };
        }
    }

    pub(crate) fn give_back(&self, e: Engine) {
        match self.pool.lock() {
            Ok(mut p) if p.len() < 4 => p.push(e),
            // SAFETY: the handle is ours and no longer used.
            _ => unsafe { (self.delete)(e.0) },
        }
    }

    #[allow(clippy::too_many_arguments)] // mirrors the C calls it makes
    /// Recognise an 8-bit grey image; return items at `level` (2 = line,
    /// 3 = word), and the symbols (level 4) too when `symbols` is set.
    pub(crate) fn run(
        &self,
        e: &mut Engine,
        pixels: &[u8],
        width: u32,
        height: u32,
        psm: i32,
        whitelist: &str,
        level: i32,
        symbols: bool,
        threshold: super::Threshold,
    ) -> Option<(Vec<RawItem>, Vec<RawItem>)> {
        if pixels.len() < (width as usize) * (height as usize) || width == 0 || height == 0 {
            return None;
        }
        let wl = CString::new(whitelist).ok()?;
        let key = CString::new("tessedit_char_whitelist").ok()?;
        // Set on every call: engines are pooled and keep their variables.
        let tkey = CString::new("thresholding_method").ok()?;
        let tval = CString::new(match threshold {
            super::Threshold::Global => "0",
            super::Threshold::Local => "2",
        })
        .ok()?;
        // SAFETY: the handle is initialised and used by this thread only; the
        // image buffer outlives Recognize; iterator strings are freed with
        // TessDeleteText and the iterator with TessResultIteratorDelete.
        unsafe {
            (self.set_psm)(e.0, psm);
            (self.set_variable)(e.0, key.as_ptr(), wl.as_ptr());
            (self.set_variable)(e.0, tkey.as_ptr(), tval.as_ptr());
            (self.set_image)(
                e.0,
                pixels.as_ptr(),
                width as c_int,
                height as c_int,
                1,
                width as c_int,
            );
            (self.set_resolution)(e.0, 300);
            if (self.recognize)(e.0, std::ptr::null_mut()) != 0 {
                (self.clear)(e.0);
                return None;
            }
            let out = self.items(e, level);
            let syms = if symbols {
                self.items(e, 4)
            } else {
                Vec::new()
            };
            (self.clear)(e.0);
            Some((out, syms))
        }
    }

    /// Every item at `level` of the last recognition, in reading order.
    ///
    /// # Safety
    /// `e` must have recognised an image since its last clear.
    unsafe fn items(&self, e: &mut Engine, level: i32) -> Vec<RawItem> {
        let mut out = Vec::new();
        // SAFETY: see the caller; the iterator is deleted before returning
        // and each string freed with TessDeleteText.
        unsafe {
            let it = (self.get_iterator)(e.0);
            if !it.is_null() {
                loop {
                    let t = (self.it_text)(it, level);
                    if !t.is_null() {
                        let text = CStr::from_ptr(t).to_string_lossy().into_owned();
                        (self.delete_text)(t);
                        let conf = (self.it_conf)(it, level);
                        let (mut l, mut tp, mut r, mut b) = (0, 0, 0, 0);
                        (self.page_bbox)(
                            (self.it_page)(it),
                            level,
                            &mut l,
                            &mut tp,
                            &mut r,
                            &mut b,
                        );
                        out.push(RawItem {
                            text,
                            conf,
                            bbox: (l, tp, r, b),
                        });
                    }
                    if (self.it_next)(it, level) == 0 {
                        break;
                    }
                }
                (self.it_delete)(it);
            }
        }
        out
    }
}
