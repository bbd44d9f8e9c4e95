"""Demo data (load_demo): accounts, the shop (shelters, makers, catalogue), partners (CSR, bulk
orders, a stall), the story side's pages in three languages, and drawn product photos."""
