#pragma once
#include <cmath>

namespace pp {

// Great-circle distance in km (haversine, mean Earth radius).
inline double great_circle_km(double lon1, double lat1, double lon2, double lat2) {
  constexpr double kR = 6371.0;
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace pp
