/**
 * Common Chinese surnames (the ~120 most frequent single-character ones by the 7th census, a few
 * Manchu-origin ones common in Beijing, and the compound ones still in use). Used to recognise
 * text shaped like a personal name; not a register of who exists.
 */
export const SINGLE_SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付' +
      '方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施牛樊葛邢安齐庞聂关那佟富柴岳殷申祝',
  ),
);

export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(['欧阳', '司马', '诸葛', '上官', '司徒', '东方', '皇甫', '尉迟', '令狐', '慕容', '夏侯', '长孙', '宇文', '端木']);
