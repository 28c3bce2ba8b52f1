#ifndef WINNOW_FUZZ_MAIN_H
#define WINNOW_FUZZ_MAIN_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver: parses the flags in argv and calls `callback` with each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
