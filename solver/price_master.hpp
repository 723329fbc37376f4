#pragma once
// The seam between the decomposition's loop and its price-based master
// (solver/decomposition.cpp): the loop evaluates the dual function where the
// master says and reports the value and subgradient back; the recovery reads
// the master's current mix of the points it was given. Two masters live
// behind it, chosen with --master: the proximal bundle (master.hpp) and a
// plain subgradient method (subgradient.hpp). Column generation is a driver
// of its own (solver/cg/): its master is an LP over plant paths, not prices.
#include <string>
#include <utility>
#include <vector>

namespace pp {

class PriceMaster {
 public:
  virtual ~PriceMaster() = default;
  // First evaluation (point id 0).
  virtual void start(const std::vector<double>& y, double f, const std::vector<double>& g) = 0;
  // Next trial point; returns the decrease of f the master still expects
  // (0: it can go no further).
  virtual double next_trial(std::vector<double>& y) = 0;
  // Result at the last trial point (the next id). True if it became the center.
  virtual bool report(const std::vector<double>& y, double f, const std::vector<double>& g) = 0;
  // (point id, weight) of the points whose subproblem solutions make up the
  // master's primal estimate; weights add up to 1.
  virtual std::vector<std::pair<long, double>> weights() const = 0;
  // The point the recovery should price at.
  virtual const std::vector<double>& center() const = 0;
  // A few words for the progress line ("t 3.12  cuts 30").
  virtual std::string describe() const = 0;
  // A value f is known not to go below (the NPV of the best plan so far);
  // masters that step by it (subgradient) use it, others ignore it.
  virtual void set_target(double /*f_target*/) {}
};

}  // namespace pp
