/* boiler: the words of web-page furniture that surrounds a scraped article
 * (navigation, footers, contact blocks, legal disclaimers), recognised on one
 * trimmed line. Whether a line is furniture also depends on where it is; the
 * parser decides that. Pure. */
#ifndef DUWEN_BOILER_H
#define DUWEN_BOILER_H

#include <stddef.h>

/* Furniture wherever it stands: 责任编辑…, 本文来自网络…, 郑重声明…,
 * 免责声明…, 转载请注明…, 返回顶部, 微信扫一扫关注我们, 您的邮箱地址不会被公开…. */
int boiler_strong(const char *s, size_t len);

/* Opens or belongs to a page footer: 为您推荐, 发表回复, 联系我们, 在线咨询,
 * 邮箱:, 关注微信, 关注微博, 相关阅读, 上一篇, a phone number, and the
 * strong lines. */
int boiler_footer(const char *s, size_t len);

/* Site navigation (a breadcrumb): 您的位置 首页 新闻, 当前位置:首页 > 科技. */
int boiler_nav(const char *s, size_t len);

#endif
