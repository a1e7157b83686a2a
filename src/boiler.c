#include "boiler.h"

#include <stdint.h>
#include <string.h>

#include "ustr.h"

/* Skip one opening bracket so "(责任编辑:X)" reads like "责任编辑:X". */
static size_t
open_bracket(const char *s, size_t len)
{
	int32_t cp;
	if (len == 0)
		return 0;
	size_t q = ustr_next(s, len, 0, &cp);
	return cp == '(' || cp == 0xFF08 || cp == 0x3010 || cp == '[' ? q : 0;
}

/* An invitation to follow an account by its QR code: "扫描下方二维码关注…",
 * "长按识别二维码，关注我们". */
static int
qr_promo(const char *s, size_t len)
{
	return ustr_count(s, len) <= 120 &&
	       (ustr_find(s, len, "二维码") < len || ustr_find(s, len, "二維碼") < len) &&
	       (ustr_find(s, len, "关注") < len || ustr_find(s, len, "關注") < len);
}

/* A row of share buttons: two or more of 微信 微博 QQ空间 朋友圈 Facebook
 * Twitter…, and nothing else (between spaces, | or ·). */
static int
share_row(const char *s, size_t len)
{
	static const char *const names[] = {
		"微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ", "朋友圈", "豆瓣", "人人网",
		"复制链接", "分享", "Facebook", "Twitter", "LinkedIn", "WhatsApp", "Email", NULL,
	};
	size_t n = 0;
	for (size_t p = 0; p < len;) {
		int32_t cp;
		size_t q = ustr_next(s, len, p, &cp);
		/* an icon font's glyph (Private Use Area) stands before a name */
		if (cp == ' ' || cp == '|' || cp == 0xFF5C || cp == 0x00B7 || cp == 0x3000 ||
		    (cp >= 0xE000 && cp <= 0xF8FF)) {
			p = q;
			continue;
		}
		size_t e = p;
		for (int32_t c; e < len; e = q) {
			q = ustr_next(s, len, e, &c);
			if (c == ' ' || c == '|' || c == 0xFF5C || c == 0x00B7 || c == 0x3000 ||
			    (c >= 0xE000 && c <= 0xF8FF))
				break;
		}
		size_t k = 0;
		while (names[k] && !(strlen(names[k]) == e - p && memcmp(names[k], s + p, e - p) == 0))
			k++;
		if (names[k] == NULL)
			return 0;
		n++;
		p = e;
	}
	return n >= 2;
}

int
boiler_strong(const char *s, size_t len)
{
	static const char *const starts[] = {
		"责任编辑", "責任編輯", "责编", "責編", "本文来自", "本文來自", "本文转自",
		"本文轉自", "郑重声明", "鄭重聲明", "免责声明", "免責聲明", "版权声明", "版權聲明",
		"特别声明", "特別聲明", "转载请注明", "轉載請註明", "版权所有", "版權所有",
		"返回顶部", "返回頂部", "微信扫一扫关注", "微信掃一掃關注", "扫一扫关注",
		"您的邮箱地址不会被公开", "你的邮箱地址不会被公开", "Copyright", "copyright",
		"\u00a9", "声明：", "声明:", "聲明：", "图片均来自", "圖片均來自", "图片来自网络",
		"圖片來自網絡", "图片来源于网络", "圖片來源於網絡", "图片来源网络", NULL,
	};
	size_t b = open_bracket(s, len);
	return ustr_prefix(s + b, len - b, starts) != 0 || qr_promo(s, len);
}

/* A line that is only a telephone number: 13000001211, 010-12345678,
 * 400-800-1234, +86 10 1234 5678. */
static int
phone(const char *s, size_t len)
{
	size_t digits = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (c != '-' && c != ' ' && c != '+' && c != '(' && c != ')')
			return 0;
	}
	return digits >= 7 && digits <= 15;
}

int
boiler_footer(const char *s, size_t len)
{
	static const char *const starts[] = {
		"为您推荐", "為您推薦", "相关阅读", "相關閱讀", "相关推荐", "相關推薦", "相关新闻",
		"相關新聞", "相关文章", "相關文章", "推荐阅读", "推薦閱讀", "延伸阅读", "延伸閱讀",
		"热门推荐", "熱門推薦", "猜你喜欢", "猜你喜歡", "发表回复", "發表回覆", "发表评论",
		"發表評論", "网友评论", "網友評論", "联系我们", "聯繫我們", "聯絡我們", "在线咨询",
		"在線諮詢", "邮箱", "郵箱", "电话", "電話", "关注微信", "關注微信", "关注微博",
		"關注微博", "微信扫一扫", "微信掃一掃", "扫一扫", "掃一掃", "分享到", "上一篇",
		"下一篇", "返回首页", "返回首頁", "打印本页", "关闭窗口", "關閉窗口", NULL,
	};
	size_t b = open_bracket(s, len);
	return boiler_strong(s, len) || ustr_prefix(s + b, len - b, starts) != 0 || phone(s, len) ||
	       share_row(s, len);
}

int
boiler_nav(const char *s, size_t len)
{
	static const char *const starts[] = {
		"您的位置", "你的位置", "您的位置", "当前位置", "當前位置", "所在位置", "您现在的位置",
		"您現在的位置", "首页 >", "首页>", "首页 »", "首页 /", "首頁 >", "首頁>", NULL,
	};
	return ustr_prefix(s, len, starts) != 0 && ustr_count(s, len) <= 60;
}
