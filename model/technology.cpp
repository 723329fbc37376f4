#include "model/technology.hpp"

#include <sstream>

namespace pp {

std::string state_label(uint8_t s) {
  if (s == kRetired) return "+Retire";
  if (s == kNotAlive) return "";
  if (s == 0) return "PP";
  std::string out;
  if (s & kFlex) out += "+Flex";
  if (s & kBE) out += "+BE";
  if (s & kCCS) out += "+CCS";
  return out;
}

bool parse_options(const std::string& text, uint8_t& mask) {
  mask = 0;
  std::stringstream ss(text);
  std::string w;
  while (std::getline(ss, w, '+')) {
    while (!w.empty() && w.front() == ' ') w.erase(w.begin());
    while (!w.empty() && w.back() == ' ') w.pop_back();
    if (w.empty()) continue;
    if (w == "Flex" || w == "flex" || w == "FLEX") mask |= kFlex;
    else if (w == "BE" || w == "be") mask |= kBE;
    else if (w == "CCS" || w == "ccs") mask |= kCCS;
    else return false;
  }
  return true;
}

}  // namespace pp
