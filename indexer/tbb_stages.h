// oneTBB pipeline stages whose ordering ThreadSanitizer can see.
//
// oneTBB guarantees that a serial stage runs one token at a time, that a
// token's stages run one after the other, and that parallel_pipeline returns
// after every stage has finished; the pipeline's code relies on all three
// (stage state without locks, batches without locks). The scheduler that
// keeps these promises is not instrumented, so `visible_stage` states them
// with core/tsan.h annotations, and `Stages` orders the pipeline with the
// thread that runs it. Without TSan they compile away.
//
//   Stages stages;
//   auto chain = tbb::make_filter<void, P>(serial_in_order, stages.serial(read)) & ...;
//   stages.start();                     // after the chain is built
//   tbb::parallel_pipeline(tokens, chain);
//   stages.finished();                  // after it returns (or throws)
#pragma once

#include <tbb/parallel_pipeline.h>

#include <type_traits>
#include <utility>

#include "core/tsan.h"

namespace vigie::indexer {

class Stages {
 public:
  // The state the calling thread set up, the built chain of filters
  // included, happens before every stage.
  void start() { tsan::release(&start_key); }

  // A serial stage: its runs are ordered with each other and with the runs
  // of the stages before and after it on the same token.
  template <class F>
  auto serial(F f) {
    return wrap(std::move(f), true);
  }
  // A parallel stage: ordered on its token only.
  template <class F>
  auto parallel(F f) {
    return wrap(std::move(f), false);
  }

  // Every stage's work happens before what the caller does next.
  void finished() { tsan::acquire(&done_); }

 private:
  // The batch's address (the token is a shared_ptr) is what a batch's stages
  // release and acquire; the stage object orders a serial stage.
  template <class F>
  auto wrap(F f, bool serial) {
    return [this, f = std::move(f), serial](auto&& in) {
      tsan::acquire(&start_key);  // before reading the captures
      if (serial) tsan::acquire(&f);
      struct Leave {  // also when the stage throws
        const Stages* stages;
        const void* stage;
        ~Leave() {
          if (stage) tsan::release(stage);
          tsan::release(&stages->done_);
        }
      } leave{this, serial ? static_cast<const void*>(&f) : nullptr};
      if constexpr (std::is_same_v<std::decay_t<decltype(in)>, tbb::flow_control>) {
        auto out = f(in);
        if (out) tsan::release(out.get());
        return out;
      } else {
        auto batch = take_token(in);
        if (batch) tsan::acquire(batch.get());
        if constexpr (std::is_void_v<decltype(f(std::move(batch)))>) {
          f(std::move(batch));
        } else {
          auto out = f(std::move(batch));
          if (out) tsan::release(out.get());
          return out;
        }
      }
    };
  }

  // Moves a stage's input out of the token oneTBB stored it in. Its own
  // function, never inlined, because that token's storage is handed between
  // threads inside libtbb where TSan cannot see it: scripts/tsan.supp exempts
  // this one read (and oneTBB's create_token/destroy_token), nothing else.
  template <class T>
  [[gnu::noinline]] static std::decay_t<T> take_token(T& token) {
    return std::move(token);
  }

  // A global: a stage must acquire it before it reads its own captures.
  static inline char start_key = 0;
  char done_ = 0;
};

}  // namespace vigie::indexer
