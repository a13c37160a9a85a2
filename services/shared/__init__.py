"""What servers sharing one database and one bucket store coordinate through: leases (which server works on
a job or a build) and artifacts (built files every server reads)."""
