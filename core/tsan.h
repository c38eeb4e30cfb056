// Happens-before annotations for ThreadSanitizer.
//
// TSan sees the synchronisation of code it instruments and of the C library
// it intercepts (threads, mutexes). oneTBB's scheduler is a prebuilt library:
// when it hands a pipeline's token from one thread to the next, or ends a
// parallel_pipeline, TSan sees no ordering and reports every hand-over as a
// race. Code that relies on such an ordering states it with these calls:
// release(x) on one side, acquire(x) on the other, for the same address x.
// They compile to nothing outside TSan builds.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define VIGIE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VIGIE_TSAN 1
#endif
#endif

#ifdef VIGIE_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace vigie::tsan {

// Everything this thread did so far happens before what a thread does after
// a later acquire(sync). Releases by several threads accumulate.
inline void release(const void* sync) {
#ifdef VIGIE_TSAN
  __tsan_release(const_cast<void*>(sync));
#else
  (void)sync;
#endif
}

// What threads did before their release(sync) happens before what this
// thread does next.
inline void acquire(const void* sync) {
#ifdef VIGIE_TSAN
  __tsan_acquire(const_cast<void*>(sync));
#else
  (void)sync;
#endif
}

}  // namespace vigie::tsan
