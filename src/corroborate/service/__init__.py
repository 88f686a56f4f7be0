"""The one read layer under the CLI and the web: what a store holds, as typed records. Reads never write.

`corroborate.service.queries` lists and shows what the web serves (filtered
lists paged by keyset, one article, linked incident or actor with its context).
"""
