# Solution for model plantpath
# Objective value = -41.97582097
z_0_2025_PP 1
z_0_2030_PP 1
