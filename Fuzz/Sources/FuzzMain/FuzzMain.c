// SwiftPM links an executable target with `--defsym main=<Target>_main`, a symbol the Swift
// compiler does not emit under -parse-as-library (which libFuzzer needs, since it brings its own
// main). Each fuzz target's `<Target>_main` is defined here and hands over to libFuzzer's driver,
// which calls the target's LLVMFuzzerTestOneInput.
#include "FuzzMain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}

int FuzzHTML_main(int argc, char **argv) { return run(argc, argv); }
int FuzzText_main(int argc, char **argv) { return run(argc, argv); }
int FuzzNormalize_main(int argc, char **argv) { return run(argc, argv); }
int FuzzPipeline_main(int argc, char **argv) { return run(argc, argv); }
int FuzzRules_main(int argc, char **argv) { return run(argc, argv); }
