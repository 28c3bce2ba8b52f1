#ifndef WINNOW_CLIBXML2_SHIM_H
#define WINNOW_CLIBXML2_SHIM_H

/* libxml2 is built with ICU, so <libxml/encoding.h> would include the system <unicode/ucnv.h>.
 * Its ICU types clash with Foundation's bundled ICU ("'UErrorCode' has different definitions in
 * different modules") in any Swift module that sees both. Hide the ICU part of the headers: winnow
 * never uses ICU through libxml2, and must not touch xmlCharEncodingHandler's fields (whose layout
 * includes the ICU converters this hides). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <zlib.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void winnow_xml_free(void *pointer) { xmlFree(pointer); }

/// Generic (printf-style) error sink that discards everything; Swift cannot define C variadics.
static inline void winnow_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Structured error sink that discards everything.
static inline void winnow_discard_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/// Silences libxml2's stderr reporting for the calling thread (libxml2 keeps these handlers
/// per thread). Some reports (I/O, encoding, memory) bypass HTML_PARSE_NOERROR and would print.
static inline void winnow_silence_libxml_errors(void) {
    xmlSetGenericErrorFunc(NULL, winnow_discard_generic_error);
    xmlSetStructuredErrorFunc(NULL, winnow_discard_structured_error);
}

/// The first error libxml2 reported while a structured handler was installed.
typedef struct {
    int code;
    int offset;
    char message[200];
} winnow_captured_error;

/// Structured error sink that keeps the first error in a `winnow_captured_error`.
static inline void winnow_capture_structured_error(void *context, xmlErrorPtr error) {
    winnow_captured_error *captured = (winnow_captured_error *)context;
    if (captured == NULL || error == NULL || captured->code != 0) return;
    captured->code = error->code != 0 ? error->code : -1;
    captured->offset = error->int1;
    if (error->message != NULL) {
        strncpy(captured->message, error->message, sizeof(captured->message) - 1);
        captured->message[sizeof(captured->message) - 1] = 0;
        size_t length = strlen(captured->message);
        while (length > 0 && (captured->message[length - 1] == '\n' || captured->message[length - 1] == ' ')) {
            captured->message[--length] = 0;
        }
    }
}

/// Captures the calling thread's libxml2 errors into `captured` until silenced again.
static inline void winnow_capture_libxml_errors(winnow_captured_error *captured) {
    memset(captured, 0, sizeof(*captured));
    xmlSetStructuredErrorFunc(captured, winnow_capture_structured_error);
}

/// `inflateInit2` is a macro; this wraps it for gzip-only decoding (windowBits 15 + 16).
static inline int winnow_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
