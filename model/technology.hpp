#pragma once
// Technology states: a subset of {Flex, BE, CCS} as a 3-bit mask (0..7), or
// compulsory retirement (8). States only grow; CR is absorbing.
#include <cstdint>
#include <string>

namespace pp {

constexpr uint8_t kFlex = 1, kBE = 2, kCCS = 4;
constexpr uint8_t kRetired = 8;
constexpr uint8_t kNotAlive = 255;  // plant not alive at that decision year
constexpr int kStates = 9;

inline bool has(uint8_t s, uint8_t opt) { return s != kRetired && s != kNotAlive && (s & opt); }
inline bool can_follow(uint8_t from, uint8_t to) {  // transition allowed?
  if (to == kRetired) return true;
  if (from == kRetired) return false;
  return (from & to) == from;
}

// "PP", "+Flex", "+BE", "+CCS", "+Flex+BE", ..., "+Retire"
std::string state_label(uint8_t s);
// Parses "CCS", "Flex+BE", "" into a mask; returns false on unknown words.
bool parse_options(const std::string& text, uint8_t& mask);

}  // namespace pp
