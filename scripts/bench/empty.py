# Start-up of a Python script: parse, set up, exit.
import sys
import exomerge
