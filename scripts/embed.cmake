# Writes a file's bytes as a C array, NUL-terminated, so simon carries it built in:
#   cmake -DIN=file -DOUT=file.c -DNAME=symbol -P scripts/embed.cmake
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "/* Made from ${IN} by scripts/embed.cmake. */\nconst char ${NAME}[] = {${bytes}0};\n")
