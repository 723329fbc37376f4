Model status        : Optimal

# Primal solution values
Feasible
Objective -41.97582097
# Columns 3
z_0_2025_PP 1
z_0_2030_PP 1
z_1_2030_PP 1
# Rows 0
