#include "analytics/sentiment/model_slot.h"

#include <fstream>

#include "core/errors.h"

namespace vigie::sentiment::detail {

namespace fs = std::filesystem;

void choose_models(const fs::path& modeldir, const std::string& model_name, const SlotOf& slot_of) {
  if (model_name == "lexicon") return;
  if (fs::is_directory(modeldir) && model_name.empty()) {
    for (const auto& de : fs::directory_iterator(modeldir)) {
      if (de.path().extension() != ".model") continue;
      // Only the header here; the weights are read on first use.
      std::string magic, name, lang;
      bool is_default = false;
      {
        std::ifstream in(de.path(), std::ios::binary);
        std::string line;
        std::getline(in, magic);
        for (int k = 0; k < 12 && std::getline(in, line); ++k) {
          if (line == "default 1") is_default = true;
          else if (line.rfind("name ", 0) == 0) name = line.substr(5);
          else if (line.rfind("lang ", 0) == 0) lang = line.substr(5);
          else if (line.rfind("weights ", 0) == 0) break;
        }
      }
      if (!is_default) continue;
      if (magic.rfind("vigie-sentiment-model ", 0) != 0 || name.empty() || lang.empty())
        throw Error(de.path().string() + ": not a Vigie sentiment model");
      ModelSlot* slot = slot_of(lang);
      if (slot == nullptr) continue;
      slot->defer(de.path().string(), name);
    }
  } else if (!model_name.empty()) {
    fs::path p = model_name;
    if (!fs::exists(p)) p = modeldir / model_name;
    if (!fs::exists(p) && fs::exists(modeldir / (model_name + ".model"))) p = modeldir / (model_name + ".model");
    if (!fs::exists(p)) throw UsageError("no sentiment model '" + model_name + "' (a file, or a name under " + modeldir.string() + ")");
    auto m = std::make_unique<LinearModel>(LinearModel::load(p.string()));
    ModelSlot* slot = slot_of(m->lang());
    if (slot == nullptr) throw UsageError("model " + p.string() + " is for language '" + m->lang() + "', which has no lexicon");
    slot->set(std::move(m));
  }
}

}  // namespace vigie::sentiment::detail
