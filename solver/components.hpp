#pragma once
// Independent pieces of one problem: plants that share no coupling row.
//
// Two plants are coupled when they lie in one province (floors, provincial
// caps), under one emission row, or draw on one shared biomass cell. With
// country caps and no cross-border biomass (the world fleet), each country
// (China with its cells, India, ...) is a problem of its own; the optimum
// of the whole is the sum of the pieces' optima, and so are the bounds.
// Solving them apart lets each piece use the master that suits it
// (branch-and-price where no cell is shared) and certifies the whole by
// the sum of certificates: gap_whole <= max gap of the pieces.
#include <vector>

#include "model/problem.hpp"

namespace pp {

struct Component {
  std::vector<int> plants;        // indices into P's plants, ascending
  std::vector<int> emission_row;  // sub row -> P's row
  std::vector<int> cell_row;      // sub cell row -> P's cell row
};

// Components ordered by their smallest plant index; one component holding
// every plant when a row spans all of them (national caps, a budget).
std::vector<Component> coupling_components(const Problem& P);

// P restricted to the plants of c (provinces, countries and cells keep P's
// indices; floors and BAU figures of provinces outside c are zero).
// Fills c.emission_row and c.cell_row.
Problem restrict_to(const Problem& P, Component& c);

}  // namespace pp
