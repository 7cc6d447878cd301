"""The gonogo web application: organisations, guided assessments, sign-off, audit trail, portfolio.

It stores inputs and a frozen copy of each result; every calculation is ``gonogo.core``'s.
"""
