#include "solver/surplus.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "solver/recovery.hpp"

namespace pp {

namespace {

// The BE capacity kept must exceed each year's burn by this share, so that
// the LP can move the burn of the dropped plants to cells the others reach.
constexpr double kMargin = 0.01;
// Plants burning more than this share of what they could are not candidates.
constexpr double kBusy = 0.95;

}  // namespace

int drop_surplus_options(const Problem& P, Plan& plan, Evaluation& ev, const double* mu, int lps, const Log& log,
                         double deadline) {
  const int n = P.n;
  const double phi = P.prm.cofire_share;
  int dropped_total = 0;
  double lp_seconds = 0;  // the last LP's time: an LP that would end past the deadline is not started
  std::vector<int> cand;
  std::vector<double> use, burn(n), room(n);
  std::vector<double> cap;
  for (int lp = 0; lp < lps && log.seconds() + lp_seconds < deadline;) {
    // Burn and burning capacity of every plant-year in BE, by plant.
    cand.clear();
    use.assign(P.np, 0.0);
    cap.assign(size_t(P.np) * n, 0.0);
    std::fill(burn.begin(), burn.end(), 0.0);
    std::fill(room.begin(), room.end(), 0.0);
    for (int j = 0; j < P.np; ++j) {
      double b_all = 0, c_all = 0;
      for (int k = 0; k < n; ++k) {
        const size_t jk = plan.at(j, k);
        const uint8_t s = plan.state[jk];
        if (s == kRetired || s == kNotAlive || !(s & kBE)) continue;
        double b = 0;
        for (const Flow& f : plan.flows[jk]) b += f.mwh;
        cap[jk] = phi * plan.u[jk] * P.K[j] * P.H[j];
        burn[k] += b;
        room[k] += cap[jk];
        b_all += b;
        c_all += cap[jk];
      }
      if (c_all > 0 && !(P.installed[j] & kBE)) {
        use[j] = b_all / c_all;
        if (use[j] < kBusy) cand.push_back(j);
      }
    }
    std::stable_sort(cand.begin(), cand.end(), [&](int a, int b) { return use[a] < use[b]; });
    // Least-used plants first: each gives up BE in its first BE years (an
    // adoption delayed, or dropped when all its years go) while the BE
    // capacity left in each of those years covers the year's burn with a
    // margin and the plant burns little there.
    std::vector<std::pair<int, int>> moves;  // (plant, first year that keeps BE; n: none)
    for (const int j : cand) {
      int k = 0;
      for (; k < n; ++k) {
        const size_t jk = plan.at(j, k);
        if (cap[jk] <= 0) {
          const uint8_t s = plan.state[jk];
          if (s == kRetired) { k = n; break; }
          if (s != kNotAlive && (s & kBE)) break;  // BE without burning: trim_unused_options's case
          continue;
        }
        double b = 0;
        for (const Flow& f : plan.flows[jk]) b += f.mwh;
        if (b >= kBusy * cap[jk] || room[k] - cap[jk] < (1 + kMargin) * burn[k]) break;
      }
      if (k == 0) continue;
      bool any = false;
      for (int q = 0; q < k && q < n; ++q) any |= cap[plan.at(j, q)] > 0;
      if (!any) continue;
      for (int q = 0; q < k && q < n; ++q) room[q] -= cap[plan.at(j, q)];
      moves.push_back({j, k});
    }
    size_t take = moves.size();
    bool improved = false;
    while (take > 0 && lp < lps && log.seconds() + lp_seconds < deadline) {
      std::vector<uint8_t> states = plan.state;
      for (size_t q = 0; q < take; ++q)
        for (int k = 0; k < moves[q].second && k < n; ++k) {
          uint8_t& s = states[plan.at(moves[q].first, k)];
          if (s != kRetired && s != kNotAlive) s = uint8_t(s & ~kBE);
        }
      const double t0 = log.seconds();
      RecoveryOutcome rec = solve_fixed_states(P, states, mu, false, deadline - t0);
      lp_seconds = log.seconds() - t0;
      ++lp;
      if (rec.solved && rec.feasible) {
        trim_unused_options(P, rec.plan);
        Evaluation e2 = evaluate(P, rec.plan);
        log.say(2, "surplus BE: dropping %zu plants gives TC %.6g (was %.6g)", take, e2.tc, ev.tc);
        if (e2.feasible && e2.tc < ev.tc) {
          plan = std::move(rec.plan);
          ev = std::move(e2);
          dropped_total += static_cast<int>(take);
          improved = true;
          break;
        }
      }
      take /= 2;
    }
    if (!improved) break;
  }
  return dropped_total;
}

}  // namespace pp
