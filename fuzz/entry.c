/* entry: libFuzzer's entry point for one harness, chosen at build time
 * (-DFUZZ_BODY=fuzz_layout). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_BODY(data, size);
	return 0;
}
