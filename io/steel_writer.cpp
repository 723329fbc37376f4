#include "io/steel_writer.hpp"

#include <map>
#include <sstream>

#include "io/solution_writer.hpp"

namespace pp::steel {

namespace {

constexpr double kUsd = 1e6;  // the model's money unit (Mt x USD/t)

std::string num(double v) { return csv_number(v); }

struct ProvinceYear {
  double supply = 0, own = 0, imported = 0, exported = 0, output = 0, emissions = 0, ref = 0;
};

std::vector<ProvinceYear> province_years(const Problem& P, const SolveResult& res) {
  const int n = P.n;
  std::vector<ProvinceYear> py(size_t(P.np) * size_t(n));
  for (int p = 0; p < P.np; ++p)
    for (int k = 0; k < n; ++k) py[size_t(p) * n + size_t(k)].supply = P.in.supply[size_t(p) * n + size_t(k)];
  for (int j = 0; j < P.nb; ++j) {
    const int p = P.in.blocks[size_t(j)].province;
    const Operation& o0 = P.oper(0, P.initial[size_t(j)]);
    const double ref = P.K(j) * P.in.prm.ref_utilisation * (o0.ea + (1 - 0.5 * (o0.smin + o0.smax)) * o0.eb);
    for (int k = 0; k < n; ++k) {
      ProvinceYear& c = py[size_t(p) * n + size_t(k)];
      c.ref += ref;
      if (res.plan.state.empty()) continue;
      const size_t i = size_t(j) * n + size_t(k);
      const int s = res.plan.state[i];
      if (s == kRET) continue;
      const Operation& o = P.oper(k, s);
      c.output += res.plan.q[i];
      c.emissions += o.ea * res.plan.q[i] + o.eb * (res.plan.q[i] - res.plan.r[i]);
    }
  }
  for (const Flow& f : res.plan.flows) {
    const int to = P.in.blocks[size_t(f.j)].province;
    if (to == f.p) {
      py[size_t(to) * n + size_t(f.k)].own += f.mt;
    } else {
      py[size_t(to) * n + size_t(f.k)].imported += f.mt;
      py[size_t(f.p) * n + size_t(f.k)].exported += f.mt;
    }
  }
  return py;
}

}  // namespace

void write_solution(const std::string& out_dir, const Problem& P, const SolveResult& res, int threads) {
  const bool plan = !res.plan.state.empty();
  const int n = P.n;
  const std::vector<ProvinceYear> py = province_years(P, res);
  std::vector<OutputEntry> files;
  for (const char* f : {"summary.json", "pathways.csv", "scrap_flows.csv", "route_mix.csv", "provinces.csv",
                        "convergence.csv"})
    files.push_back({f, false});

  std::ostringstream js;
  js << "{\n  \"sector\": \"steel\",\n  \"status\": " << json_string(to_string(res.status))
     << ",\n  \"stop_reason\": " << json_string(to_string(res.stop))
     << ",\n  \"solution_state\": " << json_string(to_string(res.solution))
     << ",\n  \"message\": " << json_string(res.message) << ",\n  \"pathway\": " << json_string(P.in.pathway)
     << ",\n  \"scrap_trade\": " << (P.in.prm.scrap_trade != 0 ? "\"free\"" : "\"own province\"")
     << ",\n  \"blocks\": " << P.nb << ",\n  \"provinces\": " << P.np << ",\n  \"decision_years\": " << n
     << ",\n  \"tc_usd\": " << json_number(res.eval.tc * kUsd) << ",\n  \"lower_bound_usd\": "
     << json_number(res.bound * kUsd) << ",\n  \"gap\": " << json_number(res.gap)
     << ",\n  \"cost_parts_usd\": {\"capex\": " << json_number(res.eval.capex * kUsd)
     << ", \"relining\": " << json_number(res.eval.reline * kUsd) << ", \"fixed_om\": "
     << json_number(res.eval.fixed * kUsd) << ", \"variable\": " << json_number(res.eval.variable * kUsd)
     << ", \"scrap\": " << json_number(res.eval.scrap * kUsd) << "}"
     << ",\n  \"iterations\": " << res.iterations << ",\n  \"recoveries\": " << res.recoveries
     << ",\n  \"seconds\": " << json_number(res.seconds) << ",\n  \"threads\": " << threads
     << ",\n  \"reference_emissions_mt\": " << json_number(P.e_ref) << ",\n  \"years\": [";
  auto arr = [&](auto get) {
    std::string s = "[";
    for (int k = 0; k < n; ++k) s += (k ? ", " : "") + json_number(get(k));
    return s + "]";
  };
  for (int k = 0; k < n; ++k) js << (k ? ", " : "") << P.years[size_t(k)];
  js << "],\n  \"demand_mt\": " << arr([&](int k) { return P.in.demand[size_t(k)]; })
     << ",\n  \"cap_scope\": "
     << (P.in.cap_scope == CapScope::kBudget ? "\"budget\"" : P.in.cap_scope == CapScope::kProvincial ? "\"provincial\"" : "\"national\"")
     << ",\n  \"budget_mt\": " << json_number(P.in.cap_scope == CapScope::kBudget ? P.emission_cap[0] : std::nan(""))
     << ",\n  \"cap_mt\": " << arr([&](int k) { return P.in.cap_scope == CapScope::kBudget ? std::nan("") : P.cap[size_t(k)]; })
     << ",\n  \"emissions_mt\": "
     << arr([&](int k) { return plan ? res.eval.emissions[size_t(k)] : std::nan(""); })
     << ",\n  \"output_mt\": " << arr([&](int k) { return plan ? res.eval.output[size_t(k)] : std::nan(""); })
     // A row's price per t in money of the year it is paid: a cap or demand
     // row counts each year of its period at its discount factor.
     << ",\n  \"carbon_price_usd_per_t\": "
     // Provincial caps have a price per province: see provinces.csv's row of P.rows; here the national or budget one.
     << arr([&](int k) {
          if (res.prices.empty() || P.in.cap_scope == CapScope::kProvincial) return std::nan("");
          return res.prices[size_t(P.row_emission(0, k))] * P.emission_row_weight(k) / P.delta[size_t(k)];
        })
     << ",\n  \"steel_price_usd_per_t\": "
     << arr([&](int k) { return res.prices.empty() ? std::nan("") : res.prices[size_t(P.row_demand(k))]; });
  std::string importers, net_zero;
  for (int p = 0; p < P.np; ++p) {
    const ProvinceYear& c = py[size_t(p) * n + size_t(n - 1)];
    if (!plan || c.ref <= 0) continue;
    const std::string name = json_string(P.in.provinces[size_t(p)]);
    if (c.imported > c.exported + 1e-6) importers += (importers.empty() ? "" : ", ") + name;
    if (c.emissions <= kNetZeroShare * c.ref) net_zero += (net_zero.empty() ? "" : ", ") + name;
  }
  js << ",\n  \"net_importers_last_year\": [" << importers << "],\n  \"net_zero_last_year\": [" << net_zero
     << "]\n}\n";

  std::ostringstream pw;
  pw << "block_id,plant_id,plant_name,province,route,capacity_mt,year,state,output_mt,scrap_mt,scrap_share,emissions_mt\n";
  if (plan)
    for (int j = 0; j < P.nb; ++j) {
      const Block& b = P.in.blocks[size_t(j)];
      for (int k = 0; k < n; ++k) {
        const size_t i = size_t(j) * n + size_t(k);
        const int s = res.plan.state[i];
        const double q = res.plan.q[i], r = res.plan.r[i];
        double e = 0;
        if (s != kRET) e = P.oper(k, s).ea * q + P.oper(k, s).eb * (q - r);
        pw << csv_field(b.id) << ',' << csv_field(b.plant_id) << ',' << csv_field(b.plant_name) << ','
           << csv_field(P.in.provinces[size_t(b.province)]) << ',' << (b.route == Route::kBFBOF ? "BF-BOF" : "EAF")
           << ',' << num(b.capacity) << ',' << P.years[size_t(k)] << ',' << csv_field(P.tech.names[size_t(s)]) << ','
           << num(q) << ',' << num(r) << ',' << num(q > 0 ? r / q : 0.0) << ',' << num(e) << '\n';
      }
    }

  std::ostringstream sf;
  sf << "year,from_province,to_province,scrap_mt\n";
  {
    std::map<std::tuple<int, int, int>, double> m;  // (k, from, to)
    for (const Flow& f : res.plan.flows) m[{f.k, f.p, P.in.blocks[size_t(f.j)].province}] += f.mt;
    for (const auto& [key, mt] : m)
      sf << P.years[size_t(std::get<0>(key))] << ',' << csv_field(P.in.provinces[size_t(std::get<1>(key))]) << ','
         << csv_field(P.in.provinces[size_t(std::get<2>(key))]) << ',' << num(mt) << '\n';
  }

  std::ostringstream rm;
  rm << "province,year,state,blocks,capacity_mt,output_mt,emissions_mt\n";
  if (plan) {
    struct Mix { int blocks = 0; double cap = 0, out = 0, em = 0; };
    std::vector<Mix> mix(size_t(P.np) * n * kNStates);
    for (int j = 0; j < P.nb; ++j)
      for (int k = 0; k < n; ++k) {
        const size_t i = size_t(j) * n + size_t(k);
        const int s = res.plan.state[i];
        Mix& m = mix[(size_t(P.in.blocks[size_t(j)].province) * n + size_t(k)) * kNStates + size_t(s)];
        ++m.blocks;
        m.cap += P.K(j);
        m.out += res.plan.q[i];
        if (s != kRET) m.em += P.oper(k, s).ea * res.plan.q[i] + P.oper(k, s).eb * (res.plan.q[i] - res.plan.r[i]);
      }
    for (int p = 0; p < P.np; ++p)
      for (int k = 0; k < n; ++k)
        for (int s = 0; s < kNStates; ++s) {
          const Mix& m = mix[(size_t(p) * n + size_t(k)) * kNStates + size_t(s)];
          if (m.blocks == 0) continue;
          rm << csv_field(P.in.provinces[size_t(p)]) << ',' << P.years[size_t(k)] << ','
             << csv_field(P.tech.names[size_t(s)]) << ',' << m.blocks << ',' << num(m.cap) << ',' << num(m.out) << ','
             << num(m.em) << '\n';
        }
  }

  std::ostringstream pv;
  pv << "province,year,scrap_supply_mt,scrap_own_mt,scrap_imported_mt,scrap_exported_mt,output_mt,emissions_mt,"
        "reference_emissions_mt,net_zero\n";
  if (plan)
    for (int p = 0; p < P.np; ++p)
      for (int k = 0; k < n; ++k) {
        const ProvinceYear& c = py[size_t(p) * n + size_t(k)];
        pv << csv_field(P.in.provinces[size_t(p)]) << ',' << P.years[size_t(k)] << ',' << num(c.supply) << ','
           << num(c.own) << ',' << num(c.imported) << ',' << num(c.exported) << ',' << num(c.output) << ','
           << num(c.emissions) << ',' << num(c.ref) << ',' << (c.ref > 0 && c.emissions <= kNetZeroShare * c.ref ? 1 : 0)
           << '\n';
      }

  std::ostringstream cv;
  cv << "iteration,seconds,bound_usd,best_tc_usd,gap\n";
  for (const ConvergencePoint& c : res.history)
    cv << c.iteration << ',' << num(c.seconds) << ',' << num(c.bound * kUsd) << ',' << num(c.best_tc * kUsd) << ','
       << num(c.gap) << '\n';

  publish_output_dir(out_dir, OutputKind::kSolve, files, [&](const std::filesystem::path& tmp) {
    int count = 0;
    write_output_file(tmp, "summary.json", js.str(), count);
    write_output_file(tmp, "pathways.csv", pw.str(), count);
    write_output_file(tmp, "scrap_flows.csv", sf.str(), count);
    write_output_file(tmp, "route_mix.csv", rm.str(), count);
    write_output_file(tmp, "provinces.csv", pv.str(), count);
    write_output_file(tmp, "convergence.csv", cv.str(), count);
  });
}

}  // namespace pp::steel
