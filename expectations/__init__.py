"""Great Expectations validation of the warehouse, one suite file per pipeline stage.

- ``suites/<stage>.yml`` the reviewable checks: a SQL query and the GX expectations its rows must meet
- ``suites.py``          reading those files
- ``gx_checks.py``       running one check's expectations with GX Core
- ``results.py``         recording outcomes in the warehouse table audit.validation_results
- ``runner.py``          validating a stage and stopping the run on a critical failure
"""
