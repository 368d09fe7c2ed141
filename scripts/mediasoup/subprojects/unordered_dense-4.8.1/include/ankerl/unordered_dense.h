// The names of ankerl::unordered_dense (map, set, hash) that the mediasoup worker uses, over the standard
// library's hash containers, because Debian 12 packages no unordered_dense.
//
// What the worker relies on and this keeps: find/emplace/try_emplace/erase (erase(iterator) returning the next
// iterator), operator[], contains, iteration, std::erase_if, and a hash<T> functor for integers, enums, pointers
// and strings. What it does not keep: unordered_dense's flat vector storage (iteration in insertion order and
// values()); the worker does not use them. The standard containers keep references stable across inserts, a
// stronger guarantee than unordered_dense's, so no code written for unordered_dense can break on them.
//
// Integers, enums and pointers are hashed with the same 64×64→128-bit multiply-and-fold mix unordered_dense uses
// (the identity hash of libstdc++ would put sequential ids such as SSRCs in neighbouring buckets, which is fine
// for std::unordered_map's prime bucket counts but is kept avalanching here so custom hashes that combine these
// values, as the worker's tuple and port-range keys do, stay well spread).
#ifndef SIGN_RELAY_ANKERL_UNORDERED_DENSE_H
#define SIGN_RELAY_ANKERL_UNORDERED_DENSE_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	namespace detail
	{
		inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept
		{
			const __uint128_t r = static_cast<__uint128_t>(a) * b;

			return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64U);
		}

		inline constexpr std::uint64_t Multiplier{ UINT64_C(0x9E3779B97F4A7C15) };
	} // namespace detail

	template<typename T, typename Enable = void>
	struct hash
	{
		std::size_t operator()(const T& value) const noexcept(noexcept(std::hash<T>{}(value)))
		{
			return std::hash<T>{}(value);
		}
	};

	template<typename T>
	struct hash<T, std::enable_if_t<std::is_integral_v<T> || std::is_enum_v<T>>>
	{
		std::size_t operator()(T value) const noexcept
		{
			return static_cast<std::size_t>(detail::mix(static_cast<std::uint64_t>(value), detail::Multiplier));
		}
	};

	template<typename T>
	struct hash<T*>
	{
		std::size_t operator()(T* value) const noexcept
		{
			return static_cast<std::size_t>(
			  detail::mix(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(value)), detail::Multiplier));
		}
	};

	template<
	  typename Key,
	  typename T,
	  typename Hash      = hash<Key>,
	  typename KeyEqual  = std::equal_to<Key>,
	  typename Allocator = std::allocator<std::pair<const Key, T>>>
	using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

	template<
	  typename Key,
	  typename Hash      = hash<Key>,
	  typename KeyEqual  = std::equal_to<Key>,
	  typename Allocator = std::allocator<Key>>
	using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
} // namespace ankerl::unordered_dense

#endif
