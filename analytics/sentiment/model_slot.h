// Internal to analytics/sentiment: the trained model a language uses, read
// lazily, and the choice of models at load time.
//
// Default models are only read when their language is first scored
// (std::call_once, so any thread may trigger it): `vigie score --lang en`
// does not pay for reading ten models it never uses (about 20 ms and 9 MB
// for the shipped set). The header (name, language, default) is read at
// load time, so version() and model_for() never read weights.
//
// Thread safety: set()/defer() are for the loading thread only; get() and
// the other const members are safe from any number of threads.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "analytics/sentiment/linear_model.h"

namespace vigie::sentiment::detail {

class ModelSlot {
 public:
  // Set before scoring starts, never by get(): threads may ask while another
  // thread loads the weights.
  explicit operator bool() const { return present_; }
  const LinearModel* operator->() const { return get(); }
  const LinearModel* get() const {
    std::call_once(once_, [this] {
      if (!loaded_ && !path_.empty()) loaded_ = std::make_unique<LinearModel>(LinearModel::load(path_));
    });
    return loaded_.get();
  }
  const std::string& name() const { return name_; }
  void set(std::unique_ptr<LinearModel> m) {
    name_ = m->name();
    path_.clear();
    loaded_ = std::move(m);
    present_ = loaded_ != nullptr;
  }
  void defer(std::string path, std::string name) {
    path_ = std::move(path);
    name_ = std::move(name);
    loaded_.reset();
    present_ = !path_.empty();
  }

 private:
  std::string path_, name_;
  bool present_ = false;
  mutable std::once_flag once_;
  mutable std::unique_ptr<LinearModel> loaded_;
};

// The slot of language `lang`, or nullptr when it has no lexicon.
using SlotOf = std::function<ModelSlot*(const std::string& lang)>;

// Fills the languages' model slots from <modeldir> as Scorer::load's
// model_name asks ("" = the models marked default, deferred; a path or a
// name under modeldir = that model, read now; "lexicon" = none).
// Throws Error on a model file that is not one, UsageError when model_name
// names no model or a language without a lexicon.
void choose_models(const std::filesystem::path& modeldir, const std::string& model_name,
                   const SlotOf& slot_of);

}  // namespace vigie::sentiment::detail
