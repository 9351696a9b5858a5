// py2cpp runtime: everything. Generated code includes this one header.
#pragma once

#include "core.hpp"
#include "exceptions.hpp"
#include "utf8.hpp"
#include "arith.hpp"
#include "repr.hpp"
#include "print.hpp"
#include "format.hpp"
#include "slice.hpp"
#include "str.hpp"
#include "list.hpp"
#include "range.hpp"
#include "builtins.hpp"
#include "math.hpp"
#include "iteration.hpp"
#include "object.hpp"
#include "main.hpp"
